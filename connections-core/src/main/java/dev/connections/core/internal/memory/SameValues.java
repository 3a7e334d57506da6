package dev.connections.core.internal.memory;

import java.math.BigDecimal;
import java.util.Objects;

/** Equality of typed values as a table sees it: DECIMAL by value whatever the scale, the rest by {@code equals}. */
final class SameValues {

    private SameValues() {
    }

    static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b);
    }

    static boolean same(Object[] a, Object[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (!same(a[i], b[i])) {
                return false;
            }
        }
        return true;
    }

    /** @return a hash code consistent with {@link #same(Object, Object)} */
    static int hash(Object value) {
        if (value instanceof BigDecimal d) {
            return d.signum() == 0 ? 0 : d.stripTrailingZeros().hashCode();
        }
        return Objects.hashCode(value);
    }
}

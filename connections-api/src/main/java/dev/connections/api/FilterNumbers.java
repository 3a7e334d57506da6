package dev.connections.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.jspecify.annotations.Nullable;

/**
 * The bounds on the numbers a filter holds: at most {@value #MAX_SIGNIFICANT_DIGITS} significant digits and at most
 * {@value #MAX_DIGITS_WRITTEN_OUT} digits when written out in full, without an exponent. A filter's text form, its
 * stored form and the queries connectors push it down as write numbers out in full, so without a bound a number such
 * as {@code 1E1000000000} (twelve characters) would take gigabytes there. The checks never write a number out, and
 * text is looked at only up to {@value #MAX_TEXT_LENGTH} characters. Stateless and thread-safe.
 */
final class FilterNumbers {

    static final int MAX_SIGNIFICANT_DIGITS = 40;
    static final int MAX_DIGITS_WRITTEN_OUT = 100;
    static final int MAX_TEXT_LENGTH = 200;

    /** 2^340 has 103 digits: an unscaled value of more bits cannot be written out in the allowed digits. */
    private static final int MAX_UNSCALED_BITS = 340;

    private static final String LIMITS = "numbers in a filter have at most " + MAX_SIGNIFICANT_DIGITS
            + " significant digits and at most " + MAX_DIGITS_WRITTEN_OUT + " digits when written out in full "
            + "(so from 1E-99 to 1E+99 in size)";

    private FilterNumbers() {
    }

    /**
     * @param text a number as written, e.g. {@code 12.50} or {@code 1E6}
     * @return the number, or null when the text is not a number
     * @throws IllegalArgumentException naming the bounds, when it is a number beyond them
     */
    static @Nullable BigDecimal parse(String text) {
        if (text.length() > MAX_TEXT_LENGTH) {
            if (!text.chars().allMatch(c -> c >= '0' && c <= '9' || "+-.eE".indexOf(c) >= 0)) {
                return null;
            }
            throw new IllegalArgumentException("'" + text.substring(0, 20) + "…' is a number written with "
                    + text.length() + " characters, more than the " + MAX_TEXT_LENGTH + " a filter takes: " + LIMITS
                    + "; use a shorter number");
        }
        BigDecimal number;
        try {
            number = new BigDecimal(text);
        } catch (NumberFormatException notANumber) {
            return null;
        }
        return bounded(number);
    }

    /**
     * @param number a filter operand; never null
     * @return the number as a decimal
     * @throws IllegalArgumentException naming the bounds, when it is beyond them or not a finite number
     */
    static BigDecimal decimal(Number number) {
        if (number instanceof BigDecimal d) {
            return bounded(d);
        }
        if (number instanceof BigInteger i) {
            if (i.bitLength() > MAX_UNSCALED_BITS) {
                throw beyond("a whole number of more than " + MAX_DIGITS_WRITTEN_OUT + " digits");
            }
            return bounded(new BigDecimal(i));
        }
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return BigDecimal.valueOf(number.longValue());
        }
        String text = number.toString();
        BigDecimal parsed = parse(text);
        if (parsed == null) {
            throw new IllegalArgumentException("'" + text + "' is not a number a filter can compare: give a finite "
                    + "number, e.g. 12.50");
        }
        return parsed;
    }

    private static BigDecimal bounded(BigDecimal d) {
        if (d.unscaledValue().bitLength() > MAX_UNSCALED_BITS) {
            throw beyond("a number of more than " + MAX_DIGITS_WRITTEN_OUT + " digits");
        }
        int precision = d.precision();
        long scale = d.scale();
        long writtenOut = scale <= 0 ? precision - scale : Math.max(precision, scale + 1);
        if (writtenOut > MAX_DIGITS_WRITTEN_OUT) {
            throw beyond("'" + d + "' has " + writtenOut + " digits when written out in full");
        }
        int significant = d.signum() == 0 ? 1 : d.stripTrailingZeros().precision();
        if (significant > MAX_SIGNIFICANT_DIGITS) {
            throw beyond("'" + d + "' has " + significant + " significant digits");
        }
        return d;
    }

    private static IllegalArgumentException beyond(String what) {
        return new IllegalArgumentException(what + ", more than a filter takes: " + LIMITS
                + "; use a smaller number, or round it");
    }
}

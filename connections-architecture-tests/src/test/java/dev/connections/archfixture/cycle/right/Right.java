package dev.connections.archfixture.cycle.right;

import dev.connections.archfixture.cycle.left.LeftToo;

/** Deliberately bad: depends back on the package that depends on it. */
public final class Right {

    private final LeftToo back = new LeftToo();

    @Override
    public String toString() {
        return "Right[" + back + "]";
    }
}

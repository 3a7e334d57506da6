package dev.connections.archfixture.cycle.left;

import dev.connections.archfixture.cycle.right.Right;

/** Deliberately bad: with {@link Right} and {@link LeftToo}, a package cycle that is no class cycle. */
public final class Left {

    private final Right right = new Right();

    @Override
    public String toString() {
        return "Left[" + right + "]";
    }
}

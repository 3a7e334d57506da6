package dev.connections.archfixture.core.internal;

/** Deliberately bad: the other half of the cycle with {@link Hidden}, which reaches back from its nested class. */
final class Helper {

    static final class Back {
        Hidden hidden() {
            return new Hidden();
        }
    }
}

package dev.connections.archfixture.core.internal;

/** Deliberately bad: one half of a two-class cycle (the other half reaches back from a nested class). */
public final class Hidden {

    Helper helper() {
        return new Helper();
    }
}

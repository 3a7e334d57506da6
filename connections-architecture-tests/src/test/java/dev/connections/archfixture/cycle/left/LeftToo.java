package dev.connections.archfixture.cycle.left;

/** The class of the left package that the right package depends on. */
public final class LeftToo {
}

package dev.connections.archfixture.core;

/** Deliberately bad: a public type of core outside internal that is not on the list of host types. */
public final class Extra {
}

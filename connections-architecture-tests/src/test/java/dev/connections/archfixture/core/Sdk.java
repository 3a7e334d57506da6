package dev.connections.archfixture.core;

/** Fine: the one public type of the fixture's core that is on its list of host types. */
public final class Sdk {
}

package dev.connections.archfixture.jdbc;

import dev.connections.archfixture.core.Sdk;

/** Deliberately bad: the storage module depends on core (even on its public part). */
public final class BadStorage {

    private final Sdk sdk = new Sdk();

    @Override
    public String toString() {
        return "BadStorage[" + sdk + "]";
    }
}

package dev.connections.archfixture.examples;

import dev.connections.archfixture.core.Sdk;
import dev.connections.spi.Connector;

/**
 * Deliberately bad: a connector outside the connector modules (like the examples' one, in a package that also holds a
 * host's code) whose nested session depends on core.
 */
public abstract class FakeConnector implements Connector {

    static final class Session {
        private final Sdk sdk = new Sdk();

        @Override
        public String toString() {
            return "Session[" + sdk + "]";
        }
    }
}

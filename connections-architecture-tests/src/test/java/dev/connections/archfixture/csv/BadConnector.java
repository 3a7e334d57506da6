package dev.connections.archfixture.csv;

import dev.connections.archfixture.core.internal.Hidden;

/** Deliberately bad: a connector module's class that imports a core internal class. */
public final class BadConnector {

    private final Hidden hidden = new Hidden();

    @Override
    public String toString() {
        return "BadConnector[" + hidden + "]";
    }
}

package dev.connections.archfixture.http;

import dev.connections.archfixture.core.internal.Hidden;

/** Deliberately bad: the http module depends on a core internal class. */
public final class Client {

    private final Hidden hidden = new Hidden();

    @Override
    public String toString() {
        return "Client[" + hidden + "]";
    }
}

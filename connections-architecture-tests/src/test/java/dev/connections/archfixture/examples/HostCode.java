package dev.connections.archfixture.examples;

import dev.connections.archfixture.core.Sdk;

/** Fine: a host's code beside the connector may use core's public types. */
public final class HostCode {

    private final Sdk sdk = new Sdk();

    @Override
    public String toString() {
        return "HostCode[" + sdk + "]";
    }
}

package dev.connections.archfixture.spi;

import dev.connections.archfixture.core.Sdk;

/** Deliberately bad: an spi type that depends on core. */
public interface Plugin {

    void start(Sdk sdk);
}

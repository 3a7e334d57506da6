package dev.connections.archfixture.api;

import dev.connections.archfixture.spi.Plugin;

/** Deliberately bad: an api type that depends on the spi. */
public record Value(Plugin plugin) {
}

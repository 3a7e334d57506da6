/**
 * What a host and the SDK say to each other, and what connectors share with both: the values of connections and
 * connected tables ({@link dev.connections.api.Connection}, {@link dev.connections.api.ConnectedTable},
 * {@link dev.connections.api.NewTable}, {@link dev.connections.api.Filter},
 * {@link dev.connections.api.RefreshSchedule}, {@link dev.connections.api.RefreshRun}), the events a host listens to,
 * the host's {@link dev.connections.api.AccessPolicy}, and {@link dev.connections.api.ConnectionsException}, the one
 * exception a host catches. Hosts use it through {@code connections-core}; connector and storage authors use its
 * values through the SPIs of {@link dev.connections.spi}.
 *
 * <p>Every value here is immutable and thread-safe unless its type says otherwise (the builders). Nothing is null
 * unless marked {@link org.jspecify.annotations.Nullable}; the javadoc says what a null means where one is allowed.
 */
@NullMarked
package dev.connections.api;

import org.jspecify.annotations.NullMarked;

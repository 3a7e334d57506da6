/**
 * What a connector author implements: a {@link dev.connections.spi.Connector} (found by
 * {@link java.util.ServiceLoader} or registered by the host) that opens a {@link dev.connections.spi.ConnectorSession}
 * per operation, reads records into the engine's {@link dev.connections.spi.RecordSink} and reports failures as
 * {@link dev.connections.spi.ConnectorException}s; OAuth connectors also implement
 * {@link dev.connections.spi.OAuthConnector}. The engine of {@code connections-core} calls these types; hosts do not.
 * Storage authors implement {@link dev.connections.spi.storage}.
 *
 * <p>Which thread calls what is said on each type. Nothing is null unless marked
 * {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.connections.spi;

import org.jspecify.annotations.NullMarked;

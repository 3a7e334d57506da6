/**
 * What a storage author implements: a {@link dev.connections.spi.storage.Storage} that keeps connections (their
 * credentials only as the engine's ciphertext), table definitions and due times, refresh history, leases, the OAuth
 * authorizations waiting for their callback (sealed likewise), and the rows and cursors of connected tables, each
 * refresh committed all or nothing through a {@link dev.connections.spi.storage.RefreshWriter}. The engine of
 * {@code connections-core} is the only caller; a host only picks a storage (in memory, {@code connections-jdbc}, or
 * its own, proved with the TCK's storage suites).
 *
 * <p>Every store is called from many threads at once unless its type says otherwise. Nothing is null unless marked
 * {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.connections.spi.storage;

import org.jspecify.annotations.NullMarked;

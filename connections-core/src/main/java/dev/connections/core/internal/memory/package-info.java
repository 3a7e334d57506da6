/**
 * The in-memory storage, {@link dev.connections.core.internal.memory.InMemoryStorage}: the one an SDK uses when the
 * host names none, and the storage of tests. Everything is lost when the process ends and its leases guard only this
 * process. Nobody outside {@code connections-core} uses its types; a host gets it by giving the builder no storage.
 */
package dev.connections.core.internal.memory;

/**
 * The engine behind {@code Connections}: running a refresh through the storage's writer (its sink, its lease kept
 * alive, the duplicate-key report), when each table is due, the known connectors, sessions on stored connections, the
 * encryption of secrets, and the events told to the host. Nobody outside {@code connections-core} uses it; it may
 * change in any release. Its subpackages hold the engine's HTTP support, OAuth runtime and in-memory storage.
 */
package dev.connections.core.internal;

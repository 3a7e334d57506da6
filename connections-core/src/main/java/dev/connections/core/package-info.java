/**
 * The SDK a host embeds: {@link dev.connections.core.Connections}, made with its builder (storage, clock, connectors,
 * OAuth clients, HTTP policies, access policy), and the two services it hands out,
 * {@link dev.connections.core.ConnectionService} ("My Connections": create, authorize, test, delete) and
 * {@link dev.connections.core.TableService} (connected tables and their refreshes). Hosts use it; a connector's own
 * tests use {@link dev.connections.core.StandaloneHttp} for the SDK's HTTP support outside an SDK instance. Everything
 * else of the engine is under {@code dev.connections.core.internal}. {@code Connections}, its services and
 * {@code StandaloneHttp} are thread-safe; the builder is not.
 */
package dev.connections.core;

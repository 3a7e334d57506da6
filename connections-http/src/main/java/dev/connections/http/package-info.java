/**
 * What a connector that calls an HTTP service needs from the SDK: {@link dev.connections.http.ServiceHttp} (the
 * engine's HTTP support: one shared client, a budget of concurrent requests per connection, retries, the OAuth
 * token, API-call counting) and its {@link dev.connections.http.ServiceHttp.Policy}, a connector's own policy
 * ({@link dev.connections.http.HttpPolicyProvider}), the {@link dev.connections.http.Sleeper} every wait goes through,
 * and helpers for what services answer ({@link dev.connections.http.BodyLimit},
 * {@link dev.connections.http.ServiceText}). Connector authors use it; {@code connections-core} implements
 * {@code ServiceHttp}; a host meets it only to give the SDK a policy or a sleeper. Its types expose OkHttp's request
 * and response.
 *
 * <p>Nothing is null unless marked {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.connections.http;

import org.jspecify.annotations.NullMarked;

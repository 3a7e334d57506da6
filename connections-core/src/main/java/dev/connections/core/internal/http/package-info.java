/**
 * The engine's implementation of {@code dev.connections.http.ServiceHttp}: one OkHttp client per SDK instance, the
 * budget of concurrent requests per connection, retries with backoff that honour Retry-After and never repeat a
 * request the service may have acted on, the bearer token with one refresh on 401, redirects refused, URLs redacted
 * in logs and the correlation headers of each answer. Nobody outside {@code connections-core} uses it: connectors take
 * a {@code ServiceHttp} from their context, and their tests from {@code StandaloneHttp}.
 */
package dev.connections.core.internal.http;

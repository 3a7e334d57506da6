package dev.connections.http;

import dev.connections.spi.ConnectorContext;
import dev.connections.spi.ConnectorException;
import java.time.Duration;
import java.util.List;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The engine's HTTP support for connectors, one per session: a client shared by the whole SDK, a budget of
 * concurrent requests per connection shared by every session (and so every table) of the connection, retries of transient failures with backoff and
 * jitter, the OAuth bearer token with one refresh on 401, request logging with secrets redacted, and the API-call
 * count of the refresh history. Thread-safe.
 *
 * <p>Connectors get it from their context: {@code ServiceHttp http = ServiceHttp.from(context);}. The SDK
 * ({@code connections-core}) implements it; a connector module needs this module and {@code connections-api} only.
 */
public interface ServiceHttp {

    /**
     * @param context the session's context
     * @return the support the engine gave this context
     * @throws IllegalStateException when the context offers none (a context a test made without the engine: give it
     *                               one with the TCK's {@code TestConnectorContext.withHttp} and core's
     *                               {@code StandaloneHttp})
     */
    static ServiceHttp from(ConnectorContext context) {
        return context.facility(ServiceHttp.class).orElseThrow(() -> new IllegalStateException(
                "this connector needs the HTTP support of connections-core; open it through the Connections SDK"));
    }

    /**
     * Sends a request and returns the first response that is not retried.
     *
     * <ul>
     *   <li>Waits for a permit of the connection's concurrency budget and holds it while the request is in flight:
     *       until the returned response is closed. Close every response (try-with-resources), and close one before
     *       sending the next request of the same thread, or a small budget can wait on itself.</li>
     *   <li>Adds {@code Authorization: Bearer <access token>} when the connection uses OAuth and the request has no
     *       Authorization header; on 401 it calls {@link dev.connections.spi.OAuthTokens#refreshAfterRejection} once
     *       and retries once with the new token (a second 401 is returned to the caller).</li>
     *   <li>Retries connection failures, timeouts, 429, 502, 503 and 504 with exponential backoff and full jitter,
     *       honouring Retry-After (seconds or an HTTP date), bounded by {@link Policy#maxAttempts()} and
     *       {@link Policy#maxElapsed()}; when they run out, a 429 or 503 response is returned to the caller, and a
     *       connection failure becomes {@link ConnectorException} UNAVAILABLE. A POST or PATCH, which the service
     *       may act on twice (a token request whose refresh token rotates), is sent again only when it provably did
     *       not reach the service: after a failure to connect, a 429 or a 503. A failure after it was sent is
     *       UNAVAILABLE at once, and a 502 or 504 is returned to the caller.</li>
     *   <li>Follows no redirect: a 3xx answer becomes {@link ConnectorException} naming the location's host only
     *       (CONFIGURATION for 301 and 308, else UNAVAILABLE), so that a request and its credentials (a bearer
     *       token, a token request's client secret) never reach a host the service chose.</li>
     *   <li>Counts every attempt as one API call of the context.</li>
     * </ul>
     *
     * @param request the request; its body must be replayable (okhttp request bodies from bytes or strings are)
     * @return the response; the caller closes it
     * @throws ConnectorException UNAVAILABLE when the service cannot be reached after the retries, AUTHENTICATION
     *                            when the token cannot be refreshed, CONFIGURATION or UNAVAILABLE for a redirect
     */
    Response send(Request request);

    /**
     * How this support waits between attempts: the SDK's sleeper. A connector that polls its service (a job's status,
     * say) waits through it too, so that a host's tests, which give the SDK a sleeper that only records, never sleep.
     *
     * @return the sleeper; never null
     */
    Sleeper sleeper();

    /**
     * How a connector wants its requests handled; given once per connector id with
     * {@code Connections.builder().httpPolicy(id, policy)} or by the connector's default.
     *
     * @param maxConcurrentPerConnection requests in flight at once for one connection, across all its tables
     * @param maxAttempts                attempts of one request, the first included
     * @param maxElapsed                 time after which no retry starts
     * @param defaultRetryAfter          the wait after a 429 that names none
     * @param correlationHeaders         response headers that identify a request at the service, such as QuickBooks's
     *                                   {@code intuit_tid}: their values go into every log line of an answer that is
     *                                   not a success (retried ones included) and into the failures of the service's
     *                                   token endpoint; never null, empty for none. A host's policy without any keeps
     *                                   the connector's.
     */
    record Policy(int maxConcurrentPerConnection, int maxAttempts, Duration maxElapsed, Duration defaultRetryAfter,
                  List<String> correlationHeaders) {

        /**
         * Four requests in flight per connection, five attempts within two minutes, five seconds after a 429 that
         * names no wait, no correlation headers.
         */
        public static final Policy DEFAULT = new Policy(4, 5, Duration.ofMinutes(2), Duration.ofSeconds(5));

        /**
         * Checks the bounds and copies the header names.
         *
         * @param maxConcurrentPerConnection requests in flight at once for one connection; at least 1
         * @param maxAttempts                attempts of one request, the first included; at least 1
         * @param maxElapsed                 time after which no retry starts; not negative
         * @param defaultRetryAfter          the wait after a 429 that names none; not negative
         * @param correlationHeaders         response headers that identify a request at the service; empty for none
         * @throws IllegalArgumentException when a bound is out of range or a duration is null
         */
        public Policy {
            if (maxConcurrentPerConnection < 1 || maxAttempts < 1) {
                throw new IllegalArgumentException("a policy needs at least one request in flight and one attempt");
            }
            if (maxElapsed == null || maxElapsed.isNegative() || defaultRetryAfter == null
                    || defaultRetryAfter.isNegative()) {
                throw new IllegalArgumentException("a policy needs a maxElapsed and a defaultRetryAfter that are not "
                        + "negative");
            }
            correlationHeaders = List.copyOf(correlationHeaders);
        }

        /**
         * A policy that names no correlation headers.
         *
         * @param maxConcurrentPerConnection requests in flight at once for one connection; at least 1
         * @param maxAttempts                attempts of one request, the first included; at least 1
         * @param maxElapsed                 time after which no retry starts; not negative
         * @param defaultRetryAfter          the wait after a 429 that names none; not negative
         * @throws IllegalArgumentException when a bound is out of range or a duration is null
         */
        public Policy(int maxConcurrentPerConnection, int maxAttempts, Duration maxElapsed, Duration defaultRetryAfter) {
            this(maxConcurrentPerConnection, maxAttempts, maxElapsed, defaultRetryAfter, List.of());
        }

        /**
         * @param value requests in flight at once for one connection; at least 1
         * @return this policy with another budget of concurrent requests per connection
         */
        public Policy withMaxConcurrentPerConnection(int value) {
            return new Policy(value, maxAttempts, maxElapsed, defaultRetryAfter, correlationHeaders);
        }

        /**
         * @param names response header names, e.g. {@code intuit_tid}; empty for none
         * @return this policy naming these response headers as the ones that identify a request at the service
         */
        public Policy withCorrelationHeaders(List<String> names) {
            return new Policy(maxConcurrentPerConnection, maxAttempts, maxElapsed, defaultRetryAfter, names);
        }
    }
}

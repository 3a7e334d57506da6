package dev.connections.core.internal.http;
import dev.connections.http.ServiceHttp;
import dev.connections.http.Sleeper;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.OAuthTokens;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Semaphore;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ServiceHttp} for one session (or for the engine's own calls to token endpoints): budget, bearer token,
 * retries, logging and counting around the SDK's shared client. Thread-safe.
 */
final class RetryingServiceHttp implements ServiceHttp {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceHttp.class);
    private static final Set<Integer> RETRIED = Set.of(429, 502, 503, 504);
    /** The answers that say a request was not acted on: the only ones after which a POST is sent again. */
    private static final Set<Integer> NOT_ACTED_ON = Set.of(429, 503);
    private static final Set<String> NOT_IDEMPOTENT = Set.of("POST", "PATCH");

    private final OkHttpClient client;
    private final Policy policy;
    private final Semaphore budget;
    private final OAuthTokens tokens;
    private final Runnable counter;
    private final Sleeper sleeper;
    private final Clock clock;

    /**
     * @param budget  the connection's budget; null for none
     * @param tokens  where the bearer token comes from; null to send requests as they are
     * @param counter called once per attempt
     */
    RetryingServiceHttp(OkHttpClient client, Policy policy, Semaphore budget, OAuthTokens tokens, Runnable counter,
                        Sleeper sleeper, Clock clock) {
        this.client = client;
        this.policy = policy;
        this.budget = budget;
        this.tokens = tokens;
        this.counter = counter;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    @Override
    public Sleeper sleeper() {
        return sleeper;
    }

    @Override
    public Response send(Request request) {
        Objects.requireNonNull(request, "request");
        boolean idempotent = !NOT_IDEMPOTENT.contains(request.method());
        if (!idempotent && request.body() != null) {
            request = request.newBuilder().method(request.method(), new OneShotBody(request.body())).build();
        }
        Instant start = clock.instant();
        boolean bearer = tokens != null && request.header("Authorization") == null;
        String token = null;
        boolean refreshed = false;
        int attempt = 0;
        while (true) {
            attempt++;
            Request outgoing = request;
            if (bearer) {
                if (token == null) {
                    token = tokens.accessToken();
                }
                outgoing = request.newBuilder().header("Authorization", "Bearer " + token).build();
            }
            Response response = attempt(outgoing, idempotent, attempt, start);
            if (response == null) {
                continue;
            }
            int code = response.code();
            if (code == 401 && bearer && !refreshed) {
                response.close();
                LOG.info("HTTP {} {} -> 401{}: refreshing the access token and trying once more",
                        request.method(), Redaction.url(request.url()), correlation(response));
                refreshed = true;
                token = tokens.refreshAfterRejection(token);
                attempt--;
                continue;
            }
            if (code >= 300 && code < 400) {
                throw redirected(request, response, correlation(response));
            }
            if (idempotent ? RETRIED.contains(code) : NOT_ACTED_ON.contains(code)) {
                Duration wait = waitAfter(response, attempt);
                if (mayRetry(attempt, start, wait)) {
                    LOG.warn("HTTP {} {} -> {}{}: retrying in {} ms (attempt {} of {})", request.method(),
                            Redaction.url(request.url()), code, correlation(response), wait.toMillis(), attempt,
                            policy.maxAttempts());
                    response.close();
                    sleep(wait);
                    continue;
                }
                LOG.warn("HTTP {} {} -> {}{}: giving up after {} attempt(s)", request.method(),
                        Redaction.url(request.url()), code, correlation(response), attempt);
            } else if (code >= 400) {
                LOG.warn("HTTP {} {} -> {}{}", request.method(), Redaction.url(request.url()), code,
                        correlation(response));
            }
            return response;
        }
    }

    /**
     * @param idempotent whether the request may be sent again after it may have reached the service; a POST (a
     *                   token request above all: its refresh token may rotate) is sent again only when it provably
     *                   was not sent
     * @return the response holding a permit; null when a connection failure is to be retried
     */
    private Response attempt(Request request, boolean idempotent, int attempt, Instant start) {
        PermitBody.Permit permit = acquire();
        counter.run();
        long began = System.nanoTime();
        SendMark mark = new SendMark();
        try {
            Response response = client.newCall(request.newBuilder().tag(SendMark.class, mark).build()).execute();
            LOG.debug("HTTP {} {} -> {}{} in {} ms", request.method(), Redaction.url(request.url()),
                    response.code(), response.isSuccessful() ? "" : correlation(response),
                    (System.nanoTime() - began) / 1_000_000);
            return response.newBuilder().body(new PermitBody(response.body(), permit)).build();
        } catch (IOException e) {
            permit.release();
            String what = e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + Redaction.text(e.getMessage(), request.url()));
            if (Thread.currentThread().isInterrupted()) {
                throw interrupted(e);
            }
            if (!idempotent && mark.sent()) {
                LOG.warn("HTTP {} {} failed after it was sent ({}): not sent again", request.method(),
                        Redaction.url(request.url()), what);
                throw new ConnectorException(ConnectorException.Kind.UNAVAILABLE, "The request to "
                        + request.url().host() + " broke off after it was sent (" + what + "). It is not sent "
                        + "again, because the service may have acted on it (a token request sent twice can use up "
                        + "a refresh token that rotates); try again later.", e);
            }
            Duration wait = Waits.backoff(attempt);
            if (!mayRetry(attempt, start, wait)) {
                LOG.warn("HTTP {} {} failed ({}): giving up after {} attempt(s)", request.method(),
                        Redaction.url(request.url()), what, attempt);
                throw new ConnectorException(ConnectorException.Kind.UNAVAILABLE, "The service at "
                        + request.url().host() + " could not be reached (" + what + ") after " + attempt
                        + " attempt(s). Check the network connection, or try again later.", e);
            }
            LOG.warn("HTTP {} {} failed ({}): retrying in {} ms (attempt {} of {})", request.method(),
                    Redaction.url(request.url()), what, wait.toMillis(), attempt, policy.maxAttempts());
            sleep(wait);
            return null;
        } catch (RuntimeException | Error e) {
            permit.release();
            throw e;
        }
    }

    /**
     * A redirect is not followed: it would carry the request, and the credentials in it, to a host the service chose.
     * The failure names the location's host only, never its path or query, which may hold anything.
     */
    private static ConnectorException redirected(Request request, Response response, String correlation) {
        int code = response.code();
        String location = response.header("Location");
        response.close();
        HttpUrl target = location == null ? null : request.url().resolve(location);
        String where = target == null ? "no usable location" : "a location on " + target.host();
        LOG.warn("HTTP {} {} -> {}{} to {}: not followed", request.method(), Redaction.url(request.url()), code,
                correlation, where);
        boolean permanent = code == 301 || code == 308;
        return new ConnectorException(permanent ? ConnectorException.Kind.CONFIGURATION
                : ConnectorException.Kind.UNAVAILABLE, "The service at " + request.url().host() + " answered HTTP "
                + code + " with a redirect to " + where + ", which the SDK does not follow: a request and the "
                + "credentials it carries go only to the host they were meant for. " + (permanent
                ? "If the service has moved, reauthorize the connection or correct its settings."
                : "This is usually temporary: try again later."));
    }

    /**
     * @return the values of the policy's correlation headers the response carries, for a log line:
     *         {@code " [intuit_tid 1-5f0c...]"}; empty when it carries none
     */
    private String correlation(Response response) {
        return Correlation.of(policy.correlationHeaders(), response).map(ids -> " [" + ids + "]").orElse("");
    }

    private PermitBody.Permit acquire() {
        if (budget == null) {
            return new PermitBody.Permit(null);
        }
        try {
            budget.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(e);
        }
        return new PermitBody.Permit(budget);
    }

    private Duration waitAfter(Response response, int attempt) {
        return Waits.retryAfter(response.header("Retry-After"), clock.instant())
                .orElseGet(() -> response.code() == 429 ? policy.defaultRetryAfter() : Waits.backoff(attempt));
    }

    private boolean mayRetry(int attempt, Instant start, Duration wait) {
        Duration elapsed = Duration.between(start, clock.instant());
        return attempt < policy.maxAttempts() && elapsed.plus(wait).compareTo(policy.maxElapsed()) <= 0;
    }

    private void sleep(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(e);
        }
    }

    private static ConnectorException interrupted(Exception cause) {
        return new ConnectorException(ConnectorException.Kind.UNAVAILABLE,
                "The request was interrupted (the SDK is closing or the refresh was cancelled); try again.", cause);
    }
}

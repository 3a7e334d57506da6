package dev.connections.tck;

import dev.connections.spi.ConnectorException;
import dev.connections.spi.OAuthTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The OAuth tokens of one connection as the engine keeps them, for tests that open sessions without the engine: a
 * current access token, and a refresh after a rejection that hands the next one, once for all callers
 * (single-flight, as {@link OAuthTokens} requires). It records what it was asked, so that a test can tell how a
 * connector and the HTTP support used it:
 *
 * <pre>{@code
 * TestTokens tokens = TestTokens.of(fake.issueAccessToken(), fake::issueAccessToken);
 * ... // a session opened with TestConnectorContext.of(settings).withOAuth(tokens) meets a 401
 * assertThat(tokens.rejected()).containsExactly(first);
 * assertThat(tokens.refreshes()).isEqualTo(1);
 * }</pre>
 *
 * <p>Where the next token comes from is the test's choice: a stand-in service's token endpoint (a module's own
 * refresh-token grant), the stand-in issuing one directly, or {@link #sequence(String) a counter}. Thread-safe: a
 * refresh holds the instance's lock while it asks for the next token. {@link #toString()} shows no token.
 */
public final class TestTokens implements OAuthTokens {

    private final Supplier<String> next;
    private final List<String> rejected = new ArrayList<>();
    private final AtomicInteger refreshes = new AtomicInteger();
    private String current;
    private boolean refusing;

    private TestTokens(String first, Supplier<String> next) {
        this.current = Objects.requireNonNull(first, "first");
        this.next = Objects.requireNonNull(next, "next");
    }

    /**
     * @param first the access token sessions get first; never null
     * @param next  gives the token a refresh hands out, called once per refresh (never concurrently); it may throw
     *              {@link ConnectorException} AUTHENTICATION, as a refused refresh token does
     * @return tokens that start at {@code first}
     */
    public static TestTokens of(String first, Supplier<String> next) {
        return new TestTokens(first, next);
    }

    /**
     * @param prefix the start of every token; never null
     * @return tokens {@code prefix-1}, then {@code prefix-2} after the first refresh, and so on: tokens no real service
     *         accepts, for a stand-in that takes any or for checking what a service that rejects them leads to
     */
    public static TestTokens sequence(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        AtomicInteger counter = new AtomicInteger(1);
        return new TestTokens(prefix + "-1", () -> prefix + "-" + counter.incrementAndGet());
    }

    @Override
    public synchronized String accessToken() {
        return current;
    }

    /**
     * Records the rejected token; hands out the next token when {@code rejected} is the current one, else (another
     * caller refreshed already) the current one.
     *
     * @throws ConnectorException AUTHENTICATION after {@link #refuseRefreshes()}, or when the supplier of the next
     *                            token throws it
     */
    @Override
    public synchronized String refreshAfterRejection(String rejected) {
        this.rejected.add(Objects.requireNonNull(rejected, "rejected"));
        if (!rejected.equals(current)) {
            return current;
        }
        if (refusing) {
            throw new ConnectorException(ConnectorException.Kind.AUTHENTICATION, "The refresh token was refused "
                    + "(invalid_grant): reauthorize the connection.");
        }
        String token = Objects.requireNonNull(next.get(), "the next access token");
        refreshes.incrementAndGet();
        current = token;
        return token;
    }

    /** From now on a refresh fails as a refused refresh token does: {@link ConnectorException} AUTHENTICATION. */
    public synchronized void refuseRefreshes() {
        refusing = true;
    }

    /** @return how many new access tokens refreshes handed out */
    public int refreshes() {
        return refreshes.get();
    }

    /** @return every token given to {@link #refreshAfterRejection}, in call order; never null */
    public synchronized List<String> rejected() {
        return List.copyOf(rejected);
    }

    /** Shows no token. */
    @Override
    public String toString() {
        return "TestTokens[refreshes=" + refreshes.get() + "]";
    }
}

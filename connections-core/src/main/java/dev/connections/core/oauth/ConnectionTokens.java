package dev.connections.core.oauth;

import dev.connections.spi.ConnectorException;
import dev.connections.spi.OAuthTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tokens of one connection, shared by all its sessions on this SDK instance. Refreshing is single-flight: one
 * lock per connection, and a caller whose rejected token was replaced while it waited gets the new one without a
 * request. New tokens are stored (a rotated refresh token with them) before any caller gets them. Thread-safe.
 */
final class ConnectionTokens implements OAuthTokens {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionTokens.class);

    /** How long before its known expiry an access token is refreshed. */
    static final Duration EARLY = Duration.ofSeconds(60);

    private final TokenVault vault;
    private final TokenEndpoint endpoint;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Tokens current;
    private volatile String refused;

    ConnectionTokens(Tokens initial, TokenVault vault, TokenEndpoint endpoint, Clock clock) {
        this.current = Objects.requireNonNull(initial, "initial");
        this.vault = vault;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    @Override
    public String accessToken() {
        Tokens t = current;
        if (refused == null && !t.expiring(clock.instant(), EARLY)) {
            return t.access();
        }
        return refresh(t.access());
    }

    @Override
    public String refreshAfterRejection(String rejected) {
        return refresh(Objects.requireNonNull(rejected, "rejected"));
    }

    /** @return the tokens as they are now, for sealing into a connection's secrets */
    Tokens current() {
        return current;
    }

    private String refresh(String rejected) {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(ConnectorException.Kind.UNAVAILABLE, "Interrupted while waiting for the "
                    + "connection's access token to be refreshed; try again.", e);
        }
        try {
            if (refused != null) {
                throw new ConnectorException(ConnectorException.Kind.AUTHENTICATION, refused);
            }
            Instant now = clock.instant();
            if (usable(current, rejected, now)) {
                return current.access();
            }
            Tokens stored = vault.load();
            if (stored != null && usable(stored, rejected, now)) {
                current = stored;
                return stored.access();
            }
            Tokens base = stored != null ? stored : current;
            if (base.refresh() == null) {
                throw refuse("The service gave this connection no refresh token, so its expired access cannot be "
                        + "renewed. Its owner must reauthorize the connection.");
            }
            Tokens next;
            try {
                next = endpoint.refresh(base);
            } catch (TokenEndpoint.Refused e) {
                throw refuse(e.getMessage());
            }
            vault.save(next);
            current = next;
            LOG.debug("Access token refreshed{}", Objects.equals(next.refresh(), base.refresh()) ? ""
                    : "; the rotated refresh token is stored");
            return next.access();
        } finally {
            lock.unlock();
        }
    }

    private ConnectorException refuse(String message) {
        refused = message;
        LOG.warn("Token refresh refused: {}", message);
        vault.refused(message);
        return new ConnectorException(ConnectorException.Kind.AUTHENTICATION, message);
    }

    private static boolean usable(Tokens t, String rejected, Instant now) {
        return !Objects.equals(t.access(), rejected) && !t.expiring(now, EARLY);
    }

    @Override
    public String toString() {
        return "ConnectionTokens[" + current + "]";
    }
}

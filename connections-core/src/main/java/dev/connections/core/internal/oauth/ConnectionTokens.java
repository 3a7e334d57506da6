package dev.connections.core.internal.oauth;

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
 * request. New tokens are stored (a rotated refresh token with them) before any caller gets them. When storing them
 * fails, they are kept in memory (the service may already have retired the refresh token they replace) and stored
 * before anything else: the next caller stores them first, and gets them only once they are stored. Thread-safe.
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
    /** Why the service refused the grant; null while it has not. Cleared when the stored tokens change. */
    private volatile String refused;
    /** The tokens whose grant was refused; a reauthorization (here or on another instance) stores others. */
    private Tokens refusedFrom;
    /** Tokens newer than the stored ones, whose store failed; null when the stored tokens are current. */
    private volatile Tokens unsaved;
    /** The tokens {@link #unsaved} were refreshed from. */
    private Tokens unsavedFrom;

    ConnectionTokens(Tokens initial, TokenVault vault, TokenEndpoint endpoint, Clock clock) {
        this.current = Objects.requireNonNull(initial, "initial");
        this.vault = vault;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    @Override
    public String accessToken() {
        Tokens t = current;
        boolean fresh = !t.expiring(clock.instant(), EARLY);
        if (refused == null && unsaved == null && fresh) {
            return t.access();
        }
        return refresh(fresh ? null : t.access());
    }

    @Override
    public String refreshAfterRejection(String rejected) {
        return refresh(Objects.requireNonNull(rejected, "rejected"));
    }

    /** @return the tokens as they are now, for sealing into a connection's secrets */
    Tokens current() {
        return current;
    }

    /** @param rejected the access token the service refused or that is expiring; null when only a store is due */
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
                reauthorizedMeanwhile();
            }
            if (unsaved != null) {
                storeUnsaved(true);
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
                        + "renewed. Its owner must reauthorize the connection.", base);
            }
            Tokens next;
            try {
                next = endpoint.refresh(base);
            } catch (TokenEndpoint.Refused e) {
                throw refuse(e.getMessage(), base);
            }
            unsavedFrom = base;
            unsaved = next;
            current = next; // after unsaved: a caller that sees these tokens sees that they are not stored yet
            storeUnsaved(false);
            LOG.debug("Access token refreshed{}", Objects.equals(next.refresh(), base.refresh()) ? ""
                    : "; the rotated refresh token is stored");
            return next.access();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stores the tokens a refresh gave whose store failed. Called with the lock held.
     *
     * @param again whether an earlier store failed: then the tokens are stored only while the vault still holds
     *              those they were refreshed from, and tokens another SDK instance stored meanwhile win
     * @throws ConnectorException UNAVAILABLE when they cannot be stored; they stay in memory for the next caller
     */
    private void storeUnsaved(boolean again) {
        try {
            if (again) {
                Tokens stored = vault.load();
                if (stored != null && !Objects.equals(stored.refresh(), unsavedFrom.refresh())
                        && !Objects.equals(stored.refresh(), unsaved.refresh())) {
                    LOG.info("Tokens refreshed on another SDK instance were stored meanwhile; using those");
                    current = stored;
                    unsaved = null;
                    return;
                }
            }
            vault.save(unsaved);
            if (again) {
                LOG.info("The connection's new tokens are stored now");
            }
            unsaved = null;
        } catch (RuntimeException e) {
            LOG.warn("The connection's new tokens could not be stored ({}); they are kept in memory and stored before "
                    + "their next use", e.getClass().getSimpleName());
            if (e instanceof ConnectorException known) {
                throw known;
            }
            throw new ConnectorException(ConnectorException.Kind.UNAVAILABLE, "The connection's new access tokens "
                    + "could not be stored (" + e.getClass().getSimpleName() + "). This SDK keeps them and stores "
                    + "them before they are used; try again once the storage works.", e);
        }
    }

    /**
     * Storage decides whether a refused grant still stands, not this instance's memory: when the stored tokens are
     * no longer the refused ones, the owner reauthorized the connection (on any instance) and those are used.
     * Called with the lock held.
     *
     * @throws ConnectorException AUTHENTICATION while storage still holds the refused tokens
     */
    private void reauthorizedMeanwhile() {
        Tokens stored = vault.load();
        if (stored == null || (Objects.equals(stored.refresh(), refusedFrom.refresh())
                && Objects.equals(stored.access(), refusedFrom.access()))) {
            throw new ConnectorException(ConnectorException.Kind.AUTHENTICATION, refused);
        }
        LOG.info("The connection was reauthorized since its grant was refused; using its new tokens");
        current = stored;
        unsaved = null;
        refusedFrom = null;
        refused = null;
    }

    private ConnectorException refuse(String message, Tokens from) {
        refusedFrom = from;
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

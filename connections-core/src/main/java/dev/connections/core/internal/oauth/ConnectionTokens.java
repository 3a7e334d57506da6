package dev.connections.core.internal.oauth;

import dev.connections.http.Sleeper;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.OAuthTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tokens of one connection, shared by all its sessions on this SDK instance. Refreshing is single-flight across
 * the SDK instances on one storage: one lock per connection in this instance, and the vault's lock (a storage lease)
 * across instances; a caller whose rejected token was replaced while it waited (here or on another instance) gets the
 * new one without a request. New tokens are stored (a rotated refresh token with them) before any caller gets them.
 * When storing them fails, they are kept in memory (the service may already have retired the refresh token they
 * replace) and stored before anything else: the next caller stores them first, and gets them only once they are
 * stored. Thread-safe.
 */
final class ConnectionTokens implements OAuthTokens {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionTokens.class);

    /** How long before its known expiry an access token is refreshed. */
    static final Duration EARLY = Duration.ofSeconds(60);
    /** How long the vault's lock lasts unless released: a little above the longest a token request may take. */
    static final Duration LOCK_TTL = TokenEndpoint.REQUEST_LIMIT.plusSeconds(5);
    /** How long a caller waits for another instance's refresh: until its lock ran out, and a little more. */
    static final Duration MAX_WAIT = LOCK_TTL.plusSeconds(15);
    /** The first pause between two looks at the stored tokens while another instance refreshes; it doubles. */
    static final Duration FIRST_PAUSE = Duration.ofMillis(10);
    /** The longest pause between two looks at the stored tokens. */
    static final Duration MAX_PAUSE = Duration.ofMillis(250);

    private final TokenVault vault;
    private final TokenEndpoint endpoint;
    private final Clock clock;
    private final Sleeper waiter;
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

    /** @param waiter how a caller waits while another instance refreshes the tokens */
    ConnectionTokens(Tokens initial, TokenVault vault, TokenEndpoint endpoint, Clock clock, Sleeper waiter) {
        this.current = Objects.requireNonNull(initial, "initial");
        this.vault = vault;
        this.endpoint = endpoint;
        this.clock = clock;
        this.waiter = waiter;
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
            throw interrupted(e);
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
            Tokens stored = vault.load(); // another instance may have refreshed them: then no lock is needed
            if (stored != null && usable(stored, rejected, now)) {
                current = stored;
                return stored.access();
            }
            return refreshShared(rejected);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refreshes once across the SDK instances on the storage: the one that takes the vault's lock refreshes, the
     * others poll the stored tokens, with a growing pause, until they change or the lock is free (its holder finished
     * without new tokens, or died and its lock ran out). Called with this instance's lock held.
     */
    @SuppressWarnings("try") // held for the block's scope, never named in it
    private String refreshShared(String rejected) {
        Duration waited = Duration.ZERO;
        Duration pause = FIRST_PAUSE;
        while (true) {
            Optional<ConnectionSecrets.TokenLock> held = vault.tryLock(LOCK_TTL);
            if (held.isPresent()) {
                try (ConnectionSecrets.TokenLock l = held.get()) {
                    return refreshHolding(rejected);
                }
            }
            if (waited.compareTo(MAX_WAIT) >= 0) {
                throw new ConnectorException(ConnectorException.Kind.UNAVAILABLE, "Another SDK instance has been "
                        + "refreshing this connection's access token for " + waited.toSeconds() + " s without "
                        + "storing new tokens; try again.");
            }
            try {
                waiter.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted(e);
            }
            waited = waited.plus(pause);
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            Tokens stored = vault.load();
            if (stored != null && usable(stored, rejected, clock.instant())) {
                LOG.debug("Using the access token another SDK instance refreshed");
                current = stored;
                return stored.access();
            }
        }
    }

    /** Refreshes the tokens, holding both this instance's lock and the vault's. */
    private String refreshHolding(String rejected) {
        Tokens stored = vault.load(); // another instance may have refreshed them before this one took the lock
        if (stored != null && usable(stored, rejected, clock.instant())) {
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
        return current.access(); // the stored ones, if a reauthorization stored others meanwhile
    }

    private static ConnectorException interrupted(InterruptedException e) {
        return new ConnectorException(ConnectorException.Kind.UNAVAILABLE, "Interrupted while waiting for the "
                + "connection's access token to be refreshed; try again.", e);
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
            if (!vault.save(unsaved, unsavedFrom)) {
                LOG.info("The connection was reauthorized while its access token was being refreshed; using the "
                        + "tokens of the reauthorization");
                current = Objects.requireNonNullElse(vault.load(), unsaved);
                unsaved = null;
                return;
            }
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
        vault.refused(message, from);
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

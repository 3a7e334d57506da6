package dev.connections.core.internal.oauth;

import java.time.Duration;
import java.util.Optional;

/** Where the tokens of one connection are kept between refreshes. Thread-safe. */
interface TokenVault {

    /** @return the tokens as kept now (another SDK instance may have refreshed them); null when there are none */
    Tokens load();

    /**
     * Keeps new tokens while the kept ones are still those they were refreshed from; returns only once they are stored.
     *
     * @param from the tokens {@code tokens} were refreshed from
     * @return false, keeping nothing, when others were kept meanwhile (the owner reauthorized the connection): those win
     */
    boolean save(Tokens tokens, Tokens from);

    /**
     * The service refused the refresh token: the connection needs reauthorization, unless the kept tokens are no
     * longer {@code from} (the owner reauthorized it meanwhile).
     *
     * @param from the tokens whose grant was refused
     */
    void refused(String reason, Tokens from);

    /**
     * Takes the lock of these tokens, which whoever refreshes them holds. A vault only this instance knows needs no
     * lock beyond {@link ConnectionTokens}' own: its default lock is always free.
     *
     * @param ttl how long it stays held unless closed
     * @return the lock; empty while another holds it
     */
    default Optional<ConnectionSecrets.TokenLock> tryLock(Duration ttl) {
        return Optional.of(() -> { });
    }
}

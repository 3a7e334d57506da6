package dev.connections.core.internal.oauth;

/** Where the tokens of one connection are kept between refreshes. Thread-safe. */
interface TokenVault {

    /** @return the tokens as kept now (another SDK instance may have refreshed them); null when there are none */
    Tokens load();

    /** Keeps new tokens; returns only once they are stored. */
    void save(Tokens tokens);

    /** The service refused the refresh token: the connection needs reauthorization. */
    void refused(String reason);
}

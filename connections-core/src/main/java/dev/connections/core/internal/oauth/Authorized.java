package dev.connections.core.internal.oauth;

import dev.connections.spi.OAuthTokens;
import java.util.Map;

/**
 * A completed code exchange, before its connection is stored: the token response's other fields (for
 * {@link dev.connections.spi.OAuthConnector#authorizedSettings}) and the new tokens, which a session can use (and
 * refresh) while the connection is tested. Thread-safe. Its {@code toString()} shows no token.
 */
public final class Authorized {

    private final Map<String, String> fields;
    private final ConnectionTokens tokens;

    Authorized(Map<String, String> fields, ConnectionTokens tokens) {
        this.fields = Map.copyOf(fields);
        this.tokens = tokens;
    }

    /** @return the string fields of the token response, the tokens removed */
    public Map<String, String> fields() {
        return fields;
    }

    /** @return the tokens, for a session on the connection being made */
    public OAuthTokens tokens() {
        return tokens;
    }

    /** @return the tokens as they are now, as secrets of the connection (to be sealed) */
    public Map<String, String> secrets() {
        return tokens.current().toSecrets();
    }

    @Override
    public String toString() {
        return "Authorized[fields=" + fields.keySet() + "]";
    }
}

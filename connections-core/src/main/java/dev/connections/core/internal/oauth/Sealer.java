package dev.connections.core.internal.oauth;

import java.util.Map;

/**
 * Seals what storage must not read (a PKCE verifier, settings the owner gave) with the instance's secret key, bound
 * to a context so that sealed bytes moved elsewhere do not open. Every instance sharing a storage must use the same
 * key. Thread-safe.
 */
public interface Sealer {

    /**
     * @param context what the values belong to, bound as associated data
     * @param values  the values; not empty
     * @return their ciphertext
     */
    byte[] seal(String context, Map<String, String> values);

    /**
     * @param context    the context they were sealed with
     * @param ciphertext what {@link #seal} returned
     * @return the values
     * @throws IllegalStateException when the bytes do not open with this key and context
     */
    Map<String, String> open(String context, byte[] ciphertext);
}

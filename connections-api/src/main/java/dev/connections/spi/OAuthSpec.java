package dev.connections.spi;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where and how a service runs OAuth 2.0.
 *
 * @param authorizationEndpoint where the user is sent to grant access
 * @param tokenEndpoint         where codes and refresh tokens are exchanged
 * @param revocationEndpoint    where tokens are revoked; null when the service has none
 * @param scopes                the scopes to ask for
 * @param clientAuthentication  how the client id and secret reach the token endpoint
 * @param revocation            how the token is sent to the revocation endpoint
 * @param extraParameters       further parameters of the authorization URL (e.g. {@code prompt=consent})
 */
public record OAuthSpec(URI authorizationEndpoint, URI tokenEndpoint, @Nullable URI revocationEndpoint,
                        List<String> scopes, ClientAuthentication clientAuthentication, RevocationBody revocation,
                        Map<String, String> extraParameters) {

    /** How the client authenticates at the token (and revocation) endpoint. */
    public enum ClientAuthentication {
        /** {@code client_id} and {@code client_secret} in the form body (Salesforce). */
        FORM,
        /** HTTP Basic {@code client_id:client_secret} (QuickBooks Online). */
        BASIC
    }

    /** How a token is sent for revocation. */
    public enum RevocationBody {
        /** A form body {@code token=...} (RFC 7009; Salesforce). */
        FORM,
        /** A JSON body {@code {"token": "..."}} (QuickBooks Online). */
        JSON
    }

    /**
     * Copies the scopes and parameters.
     *
     * @param authorizationEndpoint where the user is sent to grant access
     * @param tokenEndpoint         where codes and refresh tokens are exchanged
     * @param revocationEndpoint    where tokens are revoked; null when the service has none
     * @param scopes                the scopes to ask for
     * @param clientAuthentication  how the client id and secret reach the token endpoint
     * @param revocation            how the token is sent to the revocation endpoint
     * @param extraParameters       further parameters of the authorization URL
     * @throws NullPointerException when any but {@code revocationEndpoint} is null
     */
    public OAuthSpec {
        Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
        Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(clientAuthentication, "clientAuthentication");
        Objects.requireNonNull(revocation, "revocation");
        extraParameters = Map.copyOf(extraParameters);
    }
}

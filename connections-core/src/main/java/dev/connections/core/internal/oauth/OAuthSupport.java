package dev.connections.core.internal.oauth;

import dev.connections.api.ConnectionId;
import dev.connections.api.ConnectionsException;
import dev.connections.api.Principal;
import dev.connections.core.internal.http.HttpSupport;
import dev.connections.http.ServiceHttp;
import dev.connections.spi.Connector;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.OAuthConnector;
import dev.connections.spi.OAuthSpec;
import dev.connections.spi.OAuthTokens;
import dev.connections.spi.storage.AuthorizationStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OAuth 2.0 runtime of one SDK instance: the host's client registrations and redirect URI, the authorizations
 * waiting for their callback (in storage, shared with the other instances on it), code exchange, the shared tokens of
 * each connection and revocation. The SDK makes it; hosts use {@code ConnectionService}, connectors
 * {@code context.oauth()}. Thread-safe.
 */
public final class OAuthSupport {

    /** Secrets of a connection whose key starts with this are its tokens; sessions never see them as settings. */
    public static final String SECRET_PREFIX = "oauth.";

    /**
     * @param secrets a connection's decrypted secrets
     * @return the refresh token among them (the connection's grant); null when there is none
     */
    public static String refreshTokenIn(Map<String, String> secrets) {
        return Tokens.fromSecrets(secrets).refresh();
    }

    private static final Logger LOG = LoggerFactory.getLogger(OAuthSupport.class);
    private static final ServiceHttp.Policy REVOKE_POLICY =
            new ServiceHttp.Policy(1, 2, Duration.ofSeconds(10), Duration.ofSeconds(2));
    private static final int MAX_SHOWN = 200;

    private final Map<String, OAuthClient> clients;
    private final URI redirectUri;
    private final HttpSupport http;
    private final Clock clock;
    private final ConnectionSecrets stored;
    private final PendingAuthorizations pending;
    private final ConcurrentMap<ConnectionId, ConnectionTokens> byConnection = new ConcurrentHashMap<>();

    /**
     * @param clients     the host's client registration per service id
     * @param redirectUri where services send the user back; null when the host gave none (authorize() then fails)
     * @param stored      where the tokens of stored connections are kept, among their secrets
     * @param started     where started authorizations wait for their callback, shared by the instances on a storage
     * @param sealer      what seals their verifier and settings before they reach storage
     */
    public OAuthSupport(Map<String, OAuthClient> clients, URI redirectUri, HttpSupport http, Clock clock,
                        ConnectionSecrets stored, AuthorizationStore started, Sealer sealer) {
        this.clients = Map.copyOf(clients);
        this.redirectUri = redirectUri;
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.stored = Objects.requireNonNull(stored, "stored");
        this.pending = new PendingAuthorizations(started, sealer);
    }

    /** @return the connector as an OAuth connector, or null when its auth kind is NONE */
    public static OAuthConnector oauthConnector(Connector connector) {
        if (connector.descriptor().authKind() != dev.connections.spi.ConnectorDescriptor.AuthKind.OAUTH2) {
            return null;
        }
        if (connector instanceof OAuthConnector o) {
            return o;
        }
        throw new ConnectorException(ConnectorException.Kind.CONFIGURATION, "The connector '"
                + connector.descriptor().id() + "' (" + connector.getClass().getName() + ") declares OAUTH2 but does "
                + "not implement OAuthConnector; its author must implement it.");
    }

    /**
     * Starts an authorization: a single-use state bound to the owner, expiring in 10 minutes, and a PKCE verifier.
     *
     * @param settings      the settings the owner gave, kept until the callback; empty when reauthorizing
     * @param reauthorizing the connection being reauthorized; null for a new one
     * @return the authorization, with the URL to send the user to
     * @throws ConnectionsException INVALID_INPUT when the host gave no client for the service or no redirect URI
     */
    public PendingAuthorization begin(Principal owner, String service, OAuthSpec spec, String name,
                                      Map<String, String> settings, ConnectionId reauthorizing) {
        OAuthClient client = clients.get(service);
        if (client == null) {
            throw ConnectionsException.invalid("This SDK has no OAuth client for the service '" + service + "': call "
                    + "Connections.builder().oauthClient(\"" + service + "\", clientId, clientSecret) with the "
                    + "application's registration at the service.");
        }
        if (redirectUri == null) {
            throw ConnectionsException.invalid("This SDK has no OAuth redirect URI: call Connections.builder()"
                    + ".redirectUri(...) with the callback URL registered with the service.");
        }
        String state = Pkce.random();
        String verifier = Pkce.random();
        HttpUrl.Builder url = HttpUrl.get(spec.authorizationEndpoint()).newBuilder()
                .addQueryParameter("response_type", "code")
                .addQueryParameter("client_id", client.clientId())
                .addQueryParameter("redirect_uri", redirectUri.toString());
        if (!spec.scopes().isEmpty()) {
            url.addQueryParameter("scope", String.join(" ", spec.scopes()));
        }
        url.addQueryParameter("state", state)
                .addQueryParameter("code_challenge", Pkce.challenge(verifier))
                .addQueryParameter("code_challenge_method", "S256");
        spec.extraParameters().forEach(url::addQueryParameter);
        Instant now = clock.instant();
        PendingAuthorization p = new PendingAuthorization(state, verifier, owner, service, name, settings,
                reauthorizing, url.build().uri(), now.plus(PendingAuthorizations.LIFETIME));
        pending.add(p, now);
        return p;
    }

    /**
     * Takes the authorization a callback completes: once only.
     *
     * @param caller   who completes it; never null
     * @param callback the query parameters of the redirect back
     * @return the authorization; its callback carries a {@code code}
     * @throws ConnectionsException INVALID_INPUT for a missing, unknown, used or expired state or a missing code,
     *                              ACCESS_DENIED when the caller is not who started it
     * @throws ConnectorException   AUTHENTICATION when the service sent an {@code error} (the user denied access)
     */
    public PendingAuthorization take(Principal caller, Map<String, String> callback) {
        String state = callback.get("state");
        if (state == null || state.isBlank()) {
            throw ConnectionsException.invalid("The callback has no 'state' parameter: pass every query parameter of "
                    + "the redirect back to completeAuthorization().");
        }
        PendingAuthorization p = pending.take(state, clock.instant());
        if (!caller.equals(p.owner())) {
            throw ConnectionsException.denied("This authorization was started by another user; only they can "
                    + "complete it. Start your own with authorize().");
        }
        String error = callback.get("error");
        if (error != null) {
            String description = callback.get("error_description");
            throw new ConnectorException(ConnectorException.Kind.AUTHENTICATION, "The service did not grant access ("
                    + shown(error) + (description == null ? "" : ": " + shown(description)) + "). Start again with "
                    + "authorize() and allow the access it asks for.");
        }
        String code = callback.get("code");
        if (code == null || code.isBlank()) {
            throw ConnectionsException.invalid("The callback has no 'code' parameter: pass every query parameter of "
                    + "the redirect back to completeAuthorization().");
        }
        return p;
    }

    /**
     * Exchanges the authorization code (with the PKCE verifier) for tokens.
     *
     * @throws ConnectorException AUTHENTICATION when the code is refused, CONFIGURATION when the client is,
     *                            UNAVAILABLE when the token endpoint cannot be reached
     */
    public Authorized exchange(PendingAuthorization p, OAuthConnector connector, OAuthSpec spec, String code) {
        TokenEndpoint endpoint = endpoint(connector, spec);
        TokenEndpoint.Grant grant = endpoint.exchange(code, p.verifier(), redirectUri);
        AtomicReference<Tokens> held = new AtomicReference<>(grant.tokens());
        TokenVault memory = new TokenVault() {
            @Override
            public Tokens load() {
                return held.get();
            }

            @Override
            public synchronized boolean save(Tokens tokens, Tokens from) {
                if (!Objects.equals(held.get().refresh(), from.refresh())) {
                    return false;
                }
                held.set(tokens);
                return true;
            }

            @Override
            public void refused(String reason, Tokens from) {
                held.set(new Tokens(null, null, null));
            }
        };
        return new Authorized(grant.fields(), new ConnectionTokens(grant.tokens(), memory, endpoint, clock,
                http.sleeper()));
    }

    /**
     * @param secrets the connection's decrypted secrets as read with it; asked for only when this instance holds no
     *                tokens of the connection yet
     * @param spec    the connector's OAuth endpoints for the connection's settings; asked for likewise
     * @return the tokens of a stored connection, shared by every session of it on this SDK instance
     */
    public OAuthTokens tokens(ConnectionId connection, OAuthConnector connector, Supplier<Map<String, String>> secrets,
                              Supplier<OAuthSpec> spec) {
        return byConnection.computeIfAbsent(connection, id -> new ConnectionTokens(Tokens.fromSecrets(secrets.get()),
                new StoredVault(stored, id), endpoint(connector, spec.get()), clock, http.sleeper()));
    }

    /** Drops what this instance holds for a connection (reauthorized or deleted); its next session loads anew. */
    public void forget(ConnectionId connection) {
        byConnection.remove(connection);
    }

    /**
     * Revokes a connection's tokens at the service, best effort: the refresh token if there is one (which ends the
     * grant), else the access token. The outcome is logged, at info when revoked and at warn when not.
     *
     * @param secrets the connection's decrypted secrets
     * @return null when the service confirmed the revocation (or there was no token), else what went wrong, for
     *         the owner; never holds a token
     */
    public String revoke(ConnectionId connection, OAuthConnector connector, OAuthSpec spec,
                         Map<String, String> secrets) {
        String service = connector.descriptor().id();
        Tokens tokens = Tokens.fromSecrets(secrets);
        String token = tokens.refresh() != null ? tokens.refresh() : tokens.access();
        if (token == null) {
            LOG.info("Connection {}: no token to revoke", connection);
            return null;
        }
        String problem;
        try {
            problem = endpoint(connector, spec).revoke(token);
        } catch (ConnectorException e) {
            problem = e.getMessage();
        }
        if (problem == null) {
            LOG.info("Connection {}: its {} token was revoked at {}", connection,
                    tokens.refresh() != null ? "refresh" : "access", service);
            return null;
        }
        LOG.warn("Connection {}: its tokens could not be revoked at {} ({}). They stay valid until they expire, or "
                + "until the owner removes this application's access in the service's settings.", connection, service,
                problem);
        return problem;
    }

    /** The connector's token endpoints, whose answers are logged and quoted with its correlation headers. */
    private TokenEndpoint endpoint(OAuthConnector connector, OAuthSpec spec) {
        String service = connector.descriptor().id();
        List<String> correlation = http.policy(connector).correlationHeaders();
        return new TokenEndpoint(service, spec, clients.get(service),
                http.unmetered(TokenEndpoint.POLICY.withCorrelationHeaders(correlation), TokenEndpoint.CALL_LIMIT),
                http.unmetered(REVOKE_POLICY.withCorrelationHeaders(correlation)), correlation, clock);
    }

    private static String shown(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", " ");
        return printable.length() <= MAX_SHOWN ? printable : printable.substring(0, MAX_SHOWN) + "...";
    }

    /** The tokens of a stored connection, kept encrypted among its secrets. */
    private static final class StoredVault implements TokenVault {
        private final ConnectionSecrets stored;
        private final ConnectionId id;

        StoredVault(ConnectionSecrets stored, ConnectionId id) {
            this.stored = stored;
            this.id = id;
        }

        @Override
        public Tokens load() {
            return stored.read(id).map(Tokens::fromSecrets).orElse(null);
        }

        @Override
        public boolean save(Tokens tokens, Tokens from) {
            AtomicBoolean replaced = new AtomicBoolean();
            boolean found = stored.update(id, secrets -> {
                // decided on each fresh read: a reauthorization stored meanwhile keeps its tokens
                replaced.set(Objects.equals(Tokens.fromSecrets(secrets).refresh(), from.refresh()));
                if (replaced.get()) {
                    secrets.keySet().removeIf(k -> k.startsWith(SECRET_PREFIX));
                    secrets.putAll(tokens.toSecrets());
                }
                return secrets;
            });
            if (!found) {
                throw new ConnectorException(ConnectorException.Kind.CONFIGURATION, "The connection was deleted while "
                        + "its access token was being refreshed.");
            }
            return replaced.get();
        }

        @Override
        public void refused(String reason, Tokens from) {
            stored.refused(id, reason,
                    secrets -> Objects.equals(Tokens.fromSecrets(secrets).refresh(), from.refresh()));
        }

        @Override
        public Optional<ConnectionSecrets.TokenLock> tryLock(Duration ttl) {
            return stored.tryLockTokens(id, ttl);
        }
    }
}

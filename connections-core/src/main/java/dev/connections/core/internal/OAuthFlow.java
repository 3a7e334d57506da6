package dev.connections.core.internal;

import dev.connections.api.AuthorizationRequest;
import dev.connections.api.Connection;
import dev.connections.api.ConnectionId;
import dev.connections.api.ConnectionStatus;
import dev.connections.api.ConnectionsException;
import dev.connections.api.Principal;
import dev.connections.api.TestResult;
import dev.connections.core.internal.oauth.Authorized;
import dev.connections.core.internal.oauth.OAuthSupport;
import dev.connections.core.internal.oauth.PendingAuthorization;
import dev.connections.spi.Account;
import dev.connections.spi.Connector;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.OAuthConnector;
import dev.connections.spi.OAuthSpec;
import dev.connections.spi.storage.StoredConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The authorization code flow behind {@code ConnectionService}: authorize, complete (new connection or reauthorized
 * one) and the supersession that follows. The mechanics (state, PKCE, token endpoint) are in {@link OAuthSupport}.
 * Thread-safe.
 */
public final class OAuthFlow {

    private static final Logger LOG = LoggerFactory.getLogger(OAuthFlow.class);

    private final Shared shared;

    public OAuthFlow(Shared shared) {
        this.shared = shared;
    }

    /** Starts the authorization of a new connection, as {@code ConnectionService.authorize} describes. */
    public AuthorizationRequest authorize(Principal owner, String service, String name, Map<String, String> settings) {
        Connector connector = shared.connectors().get(service);
        OAuthConnector oauth = OAuthSupport.oauthConnector(connector);
        if (oauth == null) {
            throw ConnectionsException.invalid("The service '" + service + "' does not use OAuth: create its "
                    + "connections with create(owner, NewConnection.of(\"" + service + "\", name)...).");
        }
        ConnectorDescriptor d = connector.descriptor();
        String checkedName = ConnectionNames.check(shared.storage().connections(), owner, name, null);
        ConnectionSettings.checkKnown(d, settings);
        OAuthSpec spec = oauth.oauth(ConnectionSettings.plainWithDefaults(d, ConnectionSettings.split(d, settings)
                .plain()));
        PendingAuthorization p = shared.oauth().begin(owner, service, spec, checkedName, settings, null);
        LOG.info("Authorization of a new {} connection started by {}", service, owner);
        return request(p);
    }

    /** Starts a new authorization of an OAuth connection, as {@code ConnectionService.reauthorize} describes. */
    public AuthorizationRequest reauthorize(Principal caller, ConnectionId id) {
        StoredConnection c = shared.owned(caller, id);
        Connector connector = shared.connectors().get(c.service());
        OAuthConnector oauth = OAuthSupport.oauthConnector(connector);
        if (oauth == null) {
            throw ConnectionsException.invalid("Connection '" + c.name() + "' cannot be reauthorized: reauthorize "
                    + "exists only for OAuth connections, and the service '" + c.service() + "' uses none. Test the "
                    + "connection, or delete it and create it again with new settings.");
        }
        OAuthSpec spec = oauth.oauth(ConnectionSettings.plainWithDefaults(connector.descriptor(), c.settings()));
        PendingAuthorization p = shared.oauth().begin(caller, c.service(), spec, c.name(), Map.of(), id);
        LOG.info("Reauthorization of connection {} started", id);
        return request(p);
    }

    /** Completes an authorization, as {@code ConnectionService.completeAuthorization} describes. */
    @SuppressWarnings("try") // held for the block's scope (a lease, an MDC entry), never named in it
    public Connection complete(Principal caller, Map<String, String> callbackParameters) {
        Map<String, String> callback = new LinkedHashMap<>();
        callbackParameters.forEach((k, v) -> {
            if (k != null && v != null) {
                callback.put(k, v);
            }
        });
        PendingAuthorization p = shared.oauth().take(caller, callback);
        Connector connector = shared.connectors().get(p.service());
        OAuthConnector oauth = OAuthSupport.oauthConnector(connector);
        ConnectorDescriptor d = connector.descriptor();
        StoredConnection previous = null;
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> secret = new LinkedHashMap<>();
        if (p.reauthorizing() != null) {
            previous = shared.storage().connections().get(p.reauthorizing()).orElseThrow(() ->
                    ConnectionsException.notFound("The connection being reauthorized was deleted meanwhile; create "
                            + "a new one with authorize()."));
            plain.putAll(previous.settings());
            secret.putAll(ConnectionSettings.secretSettings(shared.secrets().open(previous.id().value(),
                    previous.secrets())));
        } else {
            ConnectionSettings.Split split = ConnectionSettings.split(d, p.settings());
            plain.putAll(split.plain());
            secret.putAll(split.secret());
        }
        OAuthSpec spec = oauth.oauth(ConnectionSettings.plainWithDefaults(d, plain));
        Authorized granted = shared.oauth().exchange(p, oauth, spec, callback.get("code"));
        ConnectionId id = previous != null ? previous.id() : ConnectionId.random();
        try (MDC.MDCCloseable m = MDC.putCloseable("connection", id.value())) {
            Map<String, String> rest = new LinkedHashMap<>(callback);
            rest.remove("code");
            rest.remove("state");
            oauth.authorizedSettings(granted.fields(), Map.copyOf(rest)).forEach((k, v) -> {
                if (v != null) {
                    plain.put(k, v);
                }
            });
            return store(p, previous, id, plain, secret, granted);
        } catch (RuntimeException e) {
            shared.oauth().revoke(id, oauth, spec, granted.secrets());
            throw e;
        }
    }

    private Connection store(PendingAuthorization p, StoredConnection previous, ConnectionId id,
                             Map<String, String> plain, Map<String, String> secret, Authorized granted) {
        Map<String, String> all = new LinkedHashMap<>(plain);
        all.putAll(secret);
        ConnectionSettings.checkRequired(shared.connectors().get(p.service()).descriptor(), all);
        StoredConnection draft = new StoredConnection(id, p.service(), p.owner(), p.name(), ConnectionStatus.ACTIVE,
                null, previous == null ? null : previous.account(), plain, sealed(id, secret, granted),
                shared.clock().instant(), null, 0);
        Account account;
        try (Sessions.Opened opened = Sessions.open(shared, draft, granted.tokens())) {
            account = opened.session().test();
        }
        if (previous != null && previous.account() != null && !previous.account().equals(account.id())) {
            throw ConnectionsException.invalid("You signed in to the account " + account.displayName() + " ("
                    + account.id() + "), but connection '" + previous.name() + "' reaches " + previous.account()
                    + ". Reauthorize it signed in to that account, or create a new connection for the other one.");
        }
        TestResult result = new TestResult(shared.clock().instant(), true, account.id(),
                "Connected to " + account.displayName() + ".");
        byte[] secrets = sealed(id, secret, granted);
        StoredConnection winner;
        if (previous == null) {
            ConnectionNames.check(shared.storage().connections(), p.owner(), p.name(), null);
            winner = new StoredConnection(id, p.service(), p.owner(), p.name(), ConnectionStatus.ACTIVE, null,
                    account.id(), plain, secrets, shared.clock().instant(), result, 0);
            shared.storage().connections().insert(winner);
            LOG.info("Connection {} created on service {} by authorization", id, p.service());
        } else {
            StoredConnection updated = ConnectionChanges.apply(shared.storage().connections(), id, latest ->
                    new StoredConnection(id, latest.service(), latest.owner(), latest.name(), latest.status(),
                            latest.statusReason(), account.id(), plain, secrets, latest.createdAt(), result,
                            latest.version()))
                    .orElseThrow(() -> ConnectionsException.notFound("The connection being reauthorized was deleted "
                            + "meanwhile; create a new one with authorize()."))
                    .after();
            shared.oauth().forget(id);
            winner = shared.statuses().change(updated, ConnectionStatus.ACTIVE, "reauthorized by its owner");
            LOG.info("Connection {} reauthorized", id);
        }
        Supersession.apply(shared, winner);
        return ConnectionView.of(shared, shared.storage().connections().get(id).orElse(winner));
    }

    private byte[] sealed(ConnectionId id, Map<String, String> secret, Authorized granted) {
        Map<String, String> all = new LinkedHashMap<>(secret);
        all.putAll(granted.secrets());
        return shared.secrets().seal(id.value(), all);
    }

    private static AuthorizationRequest request(PendingAuthorization p) {
        return new AuthorizationRequest(p.url(), p.state(), p.reauthorizing(), p.expiresAt());
    }
}

package dev.connections.core;

import dev.connections.api.AuthorizationRequest;
import dev.connections.api.Connection;
import dev.connections.api.ConnectionId;
import dev.connections.api.ConnectionStatus;
import dev.connections.api.ConnectionsException;
import dev.connections.api.Principal;
import dev.connections.api.TestResult;
import dev.connections.core.internal.Engine;
import dev.connections.core.internal.Sessions;
import dev.connections.core.internal.oauth.Authorized;
import dev.connections.core.internal.oauth.OAuthSupport;
import dev.connections.core.internal.oauth.PendingAuthorization;
import dev.connections.spi.Account;
import dev.connections.spi.Connector;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.OAuthConnector;
import dev.connections.spi.OAuthSpec;
import dev.connections.spi.SettingSpec;
import dev.connections.spi.storage.StoredConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The authorization code flow of {@link ConnectionService}: authorize, complete (new connection or reauthorized one)
 * and the supersession that follows. The mechanics (state, PKCE, token endpoint) are in {@link OAuthSupport}.
 * Thread-safe.
 */
final class OAuthFlow {

    private static final Logger LOG = LoggerFactory.getLogger(OAuthFlow.class);

    private final Engine engine;
    private final ConnectionService connections;

    OAuthFlow(Engine engine, ConnectionService connections) {
        this.engine = engine;
        this.connections = connections;
    }

    AuthorizationRequest authorize(Principal owner, String service, String name, Map<String, String> settings) {
        Connector connector = engine.connectors().get(service);
        OAuthConnector oauth = OAuthSupport.oauthConnector(connector);
        if (oauth == null) {
            throw ConnectionsException.invalid("The service '" + service + "' does not use OAuth: create its "
                    + "connections with create(owner, NewConnection.of(\"" + service + "\", name)...).");
        }
        ConnectorDescriptor d = connector.descriptor();
        String checkedName = connections.checkName(owner, name, null);
        ConnectionService.checkKnown(d, settings);
        Map<String, String> plain = new LinkedHashMap<>(settings);
        plain.keySet().removeAll(secretKeys(d));
        OAuthSpec spec = oauth.oauth(withDefaults(d, plain));
        PendingAuthorization p = engine.oauth().begin(owner, service, spec, checkedName, settings, null);
        LOG.info("Authorization of a new {} connection started by {}", service, owner);
        return request(p);
    }

    AuthorizationRequest reauthorize(Principal caller, ConnectionId id) {
        StoredConnection c = engine.owned(caller, id);
        Connector connector = engine.connectors().get(c.service());
        OAuthConnector oauth = OAuthSupport.oauthConnector(connector);
        if (oauth == null) {
            throw ConnectionsException.invalid("Connection '" + c.name() + "' cannot be reauthorized: reauthorize "
                    + "exists only for OAuth connections, and the service '" + c.service() + "' uses none. Test the "
                    + "connection, or delete it and create it again with new settings.");
        }
        OAuthSpec spec = oauth.oauth(OAuthSupport.plainSettings(c, connector));
        PendingAuthorization p = engine.oauth().begin(caller, c.service(), spec, c.name(), Map.of(), id);
        LOG.info("Reauthorization of connection {} started", id);
        return request(p);
    }

    Connection complete(Principal caller, Map<String, String> callbackParameters) {
        Map<String, String> callback = new LinkedHashMap<>();
        callbackParameters.forEach((k, v) -> {
            if (k != null && v != null) {
                callback.put(k, v);
            }
        });
        PendingAuthorization p = engine.oauth().take(caller, callback);
        Connector connector = engine.connectors().get(p.service());
        OAuthConnector oauth = OAuthSupport.oauthConnector(connector);
        ConnectorDescriptor d = connector.descriptor();
        StoredConnection previous = null;
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> secret = new LinkedHashMap<>();
        if (p.reauthorizing() != null) {
            previous = engine.storage().connections().get(p.reauthorizing()).orElseThrow(() ->
                    ConnectionsException.notFound("The connection being reauthorized was deleted meanwhile; create "
                            + "a new one with authorize()."));
            plain.putAll(previous.settings());
            engine.secrets().open(previous.id().value(), previous.secrets()).forEach((k, v) -> {
                if (!k.startsWith(OAuthSupport.SECRET_PREFIX)) {
                    secret.put(k, v);
                }
            });
        } else {
            Set<String> secretKeys = secretKeys(d);
            p.settings().forEach((k, v) -> (secretKeys.contains(k) ? secret : plain).put(k, v));
        }
        OAuthSpec spec = oauth.oauth(withDefaults(d, plain));
        Authorized granted = engine.oauth().exchange(p, oauth, spec, callback.get("code"));
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
            engine.oauth().revoke(id, oauth, spec, granted.secrets());
            throw e;
        }
    }

    private Connection store(PendingAuthorization p, StoredConnection previous, ConnectionId id,
                             Map<String, String> plain, Map<String, String> secret, Authorized granted) {
        Map<String, String> all = new LinkedHashMap<>(plain);
        all.putAll(secret);
        ConnectionService.checkRequired(engine.connectors().get(p.service()).descriptor(), all);
        StoredConnection draft = new StoredConnection(id, p.service(), p.owner(), p.name(), ConnectionStatus.ACTIVE,
                null, previous == null ? null : previous.account(), plain, sealed(id, secret, granted),
                engine.clock().instant(), null);
        Account account;
        try (Sessions.Opened opened = Sessions.open(engine, draft, granted.tokens())) {
            account = opened.session().test();
        }
        if (previous != null && previous.account() != null && !previous.account().equals(account.id())) {
            throw ConnectionsException.invalid("You signed in to the account " + account.displayName() + " ("
                    + account.id() + "), but connection '" + previous.name() + "' reaches " + previous.account()
                    + ". Reauthorize it signed in to that account, or create a new connection for the other one.");
        }
        TestResult result = new TestResult(engine.clock().instant(), true, account.id(),
                "Connected to " + account.displayName() + ".");
        byte[] secrets = sealed(id, secret, granted);
        StoredConnection winner;
        if (previous == null) {
            connections.checkName(p.owner(), p.name(), null);
            winner = new StoredConnection(id, p.service(), p.owner(), p.name(), ConnectionStatus.ACTIVE, null,
                    account.id(), plain, secrets, engine.clock().instant(), result);
            engine.storage().connections().insert(winner);
            LOG.info("Connection {} created on service {} by authorization", id, p.service());
        } else {
            StoredConnection latest = engine.storage().connections().get(id).orElseThrow(() ->
                    ConnectionsException.notFound("The connection being reauthorized was deleted meanwhile; create "
                            + "a new one with authorize()."));
            StoredConnection updated = new StoredConnection(id, latest.service(), latest.owner(), latest.name(),
                    latest.status(), latest.statusReason(), account.id(), plain, secrets, latest.createdAt(), result);
            engine.storage().connections().update(updated);
            engine.oauth().forget(id);
            winner = engine.changeStatus(updated, ConnectionStatus.ACTIVE, "reauthorized by its owner");
            LOG.info("Connection {} reauthorized", id);
        }
        Supersession.apply(engine, winner);
        return connections.view(engine.storage().connections().get(id).orElse(winner));
    }

    private byte[] sealed(ConnectionId id, Map<String, String> secret, Authorized granted) {
        Map<String, String> all = new LinkedHashMap<>(secret);
        all.putAll(granted.secrets());
        return engine.secrets().seal(id.value(), all);
    }

    private static AuthorizationRequest request(PendingAuthorization p) {
        return new AuthorizationRequest(p.url(), p.state(), p.reauthorizing(), p.expiresAt());
    }

    private static Set<String> secretKeys(ConnectorDescriptor d) {
        return d.settings().stream().filter(SettingSpec::secret).map(SettingSpec::key).collect(Collectors.toSet());
    }

    private static Map<String, String> withDefaults(ConnectorDescriptor d, Map<String, String> plain) {
        Map<String, String> all = new LinkedHashMap<>();
        for (SettingSpec spec : d.settings()) {
            if (spec.defaultValue() != null && !spec.secret()) {
                all.put(spec.key(), spec.defaultValue());
            }
        }
        all.putAll(plain);
        return all;
    }
}

package dev.connections.core;

import dev.connections.api.AuthorizationRequest;
import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.ConnectionDeletion;
import dev.connections.api.ConnectionId;
import dev.connections.api.ConnectionStatus;
import dev.connections.api.ConnectionsException;
import dev.connections.api.NewConnection;
import dev.connections.api.Principal;
import dev.connections.api.SourceObject;
import dev.connections.api.SourceSchema;
import dev.connections.api.TestResult;
import dev.connections.core.internal.ConnectionChanges;
import dev.connections.core.internal.ConnectionNames;
import dev.connections.core.internal.ConnectionSettings;
import dev.connections.core.internal.ConnectionView;
import dev.connections.core.internal.OAuthFlow;
import dev.connections.core.internal.Sessions;
import dev.connections.core.internal.Shared;
import dev.connections.core.internal.Supersession;
import dev.connections.core.internal.oauth.OAuthSupport;
import dev.connections.spi.Account;
import dev.connections.spi.Connector;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.OAuthConnector;
import dev.connections.spi.storage.StoredConnection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * "My Connections": create, authorize, view, test, rename, reauthorize and delete connections, and discover what they
 * reach. Every call names the principal acting; only a connection's owner can do anything with it. Thread-safe.
 *
 * <p>Connections of a service that uses OAuth 2.0 are made in two steps: {@link #authorize} gives the URL to send the
 * user to; the service sends them back to the host's redirect URI, and the host passes the query parameters it got
 * there to {@link #completeAuthorization}. The same two steps renew an existing connection's authorization
 * ({@link #reauthorize}).
 */
public final class ConnectionService {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionService.class);

    private final Shared shared;
    private final OAuthFlow oauth;

    ConnectionService(Shared shared) {
        this.shared = shared;
        this.oauth = new OAuthFlow(shared);
    }

    /**
     * Creates a connection to a service that needs no OAuth, after checking its settings and testing it. Nothing is
     * stored when a check or the test fails.
     *
     * @return the new connection, tested
     * @throws ConnectionsException INVALID_INPUT for an unknown service, a missing or unknown setting or a duplicate
     *                              name; CONNECTOR (with the {@link ConnectionsException#failureKind() failure kind})
     *                              when the test fails
     */
    @SuppressWarnings("try") // held for the block's scope (a lease, an MDC entry), never named in it
    public Connection create(Principal owner, NewConnection request) {
        Connector connector = shared.connectors().get(request.service());
        ConnectorDescriptor d = connector.descriptor();
        if (d.authKind() == ConnectorDescriptor.AuthKind.OAUTH2) {
            throw ConnectionsException.invalid("The service '" + d.id() + "' uses OAuth: start with authorize() and "
                    + "finish with completeAuthorization() instead of create().");
        }
        String name = ConnectionNames.check(shared.storage().connections(), owner, request.name(), null);
        Map<String, String> settings = request.settings();
        ConnectionSettings.checkKnown(d, settings);
        ConnectionSettings.checkRequired(d, settings);
        ConnectionId id = ConnectionId.random();
        ConnectionSettings.Split split = ConnectionSettings.split(d, settings);
        StoredConnection draft = new StoredConnection(id, d.id(), owner, name, ConnectionStatus.ACTIVE, null, null,
                split.plain(), shared.secrets().seal(id.value(), split.secret()), shared.clock().instant(), null, 0);
        Account account;
        try (MDC.MDCCloseable m = MDC.putCloseable("connection", id.value());
             Sessions.Opened opened = Sessions.open(shared, draft)) {
            account = opened.session().test();
        }
        TestResult result = new TestResult(shared.clock().instant(), true, account.id(),
                "Connected to " + account.displayName() + ".");
        StoredConnection created = draft.withTest(result, account.id());
        shared.storage().connections().insert(created);
        LOG.info("Connection {} created on service {}", id, d.id());
        Supersession.apply(shared, created);
        return view(created);
    }

    /**
     * Starts the authorization of a new connection to a service that uses OAuth 2.0, with the connector's default
     * settings.
     *
     * @see #authorize(Principal, String, String, Map)
     */
    public AuthorizationRequest authorize(Principal owner, String service, String connectionName) {
        return authorize(owner, service, connectionName, Map.of());
    }

    /**
     * Starts the authorization of a new connection to a service that uses OAuth 2.0. No connection is stored until
     * the callback completes it; the started authorization waits in storage (its PKCE verifier and settings sealed
     * with the secret key), so the callback may reach any SDK instance that shares the storage and the key. It
     * expires after 10 minutes and can be completed once, on whichever instance.
     *
     * @param owner          who will own the connection; only they can complete the authorization
     * @param service        the connector id, e.g. {@code salesforce}
     * @param connectionName the name the owner gives the connection
     * @param settings       settings of the connector's settings spec (e.g. a Salesforce login host); never null
     * @return the URL to send the user to, and its state
     * @throws ConnectionsException INVALID_INPUT for an unknown service, one without OAuth, an unknown setting, a
     *                              duplicate name, or an SDK built without an OAuth client for the service or without a
     *                              redirect URI
     */
    public AuthorizationRequest authorize(Principal owner, String service, String connectionName,
                                          Map<String, String> settings) {
        return oauth.authorize(owner, service, connectionName, Map.copyOf(settings));
    }

    /**
     * Completes an authorization: checks its state (known, unused, not expired, started by the caller), exchanges
     * the code (with the PKCE verifier) for tokens, stores them encrypted, tests the connection and learns its
     * account. On services with one active connection per account, every other active connection to the account is
     * superseded (an event tells the host). Nothing is stored when a step fails, and tokens already issued are
     * revoked.
     *
     * @param caller             who completes it: the principal of the host's session that received the redirect
     *                           back, never taken from the callback itself. It must be who started the authorization:
     *                           a callback that another principal started (a login CSRF: an attacker's
     *                           authorization completed in a victim's session) is refused and makes no connection.
     * @param callbackParameters every query parameter of the redirect back ({@code code}, {@code state}, and what
     *                           else the service sends, e.g. QuickBooks' {@code realmId})
     * @return the new connection, or the reauthorized one (same id, name and tables, ACTIVE again)
     * @throws ConnectionsException INVALID_INPUT for a missing, unknown, used or expired state; ACCESS_DENIED when the
     *                              caller did not start it; CONNECTOR (with the {@link ConnectionsException#failureKind()
     *                              failure kind}) when the service refused access or the code, or the test failed
     */
    public Connection completeAuthorization(Principal caller, Map<String, String> callbackParameters) {
        return oauth.complete(java.util.Objects.requireNonNull(caller, "caller"), callbackParameters);
    }

    /**
     * Starts a new authorization of an existing OAuth connection (its credentials were refused, or a newer connection
     * to its account superseded it). Completing it keeps the connection's id, name, settings and tables, makes it
     * ACTIVE and supersedes the other connections to its account where the service allows only one.
     *
     * @throws ConnectionsException INVALID_INPUT when the connection's service does not use OAuth
     */
    public AuthorizationRequest reauthorize(Principal caller, ConnectionId id) {
        return oauth.reauthorize(caller, id);
    }

    /** @return the owner's connections, oldest first */
    public List<Connection> list(Principal owner) {
        return shared.storage().connections().byOwner(owner).stream().map(this::view).toList();
    }

    /** @return the connection: service, name, owner, status, account, created, last test, tables that use it */
    public Connection get(Principal caller, ConnectionId id) {
        return view(shared.owned(caller, id));
    }

    /** Renames a connection; its tables keep using it. */
    public Connection rename(Principal caller, ConnectionId id, String newName) {
        shared.owned(caller, id);
        String name = ConnectionNames.check(shared.storage().connections(), caller, newName, id);
        StoredConnection renamed = ConnectionChanges.apply(shared.storage().connections(), id, c -> c.withName(name))
                .orElseThrow(() -> ConnectionsException.notFound("Connection " + id + " was deleted while it was "
                        + "being renamed."))
                .after();
        return view(renamed);
    }

    /**
     * Tests a connection: its credentials and the service's requirements. The result and its time are kept and
     * shown with the connection. A connection whose credentials are refused is marked NEEDS_REAUTHORIZATION.
     *
     * @return the result; a failure is a result, not an exception
     */
    @SuppressWarnings("try") // held for the block's scope (a lease, an MDC entry), never named in it
    public TestResult test(Principal caller, ConnectionId id) {
        StoredConnection c = shared.owned(caller, id);
        TestResult result;
        try (MDC.MDCCloseable m = MDC.putCloseable("connection", id.value());
             Sessions.Opened opened = Sessions.open(shared, c)) {
            Account account = opened.session().test();
            result = new TestResult(shared.clock().instant(), true, account.id(),
                    "Connected to " + account.displayName() + ".");
        } catch (ConnectorException e) {
            result = new TestResult(shared.clock().instant(), false, c.account(), e.getMessage());
            if (e.kind() == ConnectorException.Kind.AUTHENTICATION) {
                shared.statuses().changeIf(id, shared.stillRefused(c), ConnectionStatus.NEEDS_REAUTHORIZATION,
                        e.getMessage());
            }
        }
        if (result.ok()) {
            shared.statuses().changeFrom(id, ConnectionStatus.NEEDS_REAUTHORIZATION, ConnectionStatus.ACTIVE,
                    "the test succeeded");
        }
        TestResult kept = result;
        ConnectionChanges.apply(shared.storage().connections(), id, latest -> latest.withTest(kept,
                kept.ok() ? kept.account() : latest.account()));
        return result;
    }

    /**
     * Deletes a connection that no table uses.
     *
     * @return what the deletion did, with the outcome of revoking its tokens
     * @throws ConnectionsException CONFLICT naming the tables that use it
     */
    public ConnectionDeletion delete(Principal caller, ConnectionId id) {
        return delete(caller, id, false);
    }

    /**
     * Deletes a connection. An OAuth connection's tokens are then revoked at the service, best effort: the outcome
     * is returned and logged (info when revoked, warn when the service could not be told, with what to do), and a
     * failure does not undo the deletion.
     *
     * @param disconnectTables when true, tables that use it are disconnected: they keep their rows and history, stop
     *                         refreshing (each refresh fails saying the connection was deleted) and can be switched
     *                         to another connection; when false, the deletion is refused while tables use it
     * @return what the deletion did: the tables disconnected and the outcome of revoking the tokens
     */
    @SuppressWarnings("try") // held for the block's scope (a lease, an MDC entry), never named in it
    public ConnectionDeletion delete(Principal caller, ConnectionId id, boolean disconnectTables) {
        StoredConnection c = shared.owned(caller, id);
        List<ConnectedTable> tables = shared.storage().tables().byConnection(id);
        if (!tables.isEmpty() && !disconnectTables) {
            throw ConnectionsException.conflict("Connection '" + c.name() + "' is used by " + tables.size()
                    + " table(s): " + tables.stream().map(t -> t.app() + "/" + t.name()).collect(Collectors.joining(", "))
                    + ". Switch or delete them first, or delete with disconnectTables=true to disconnect them.");
        }
        StoredConnection last = shared.storage().connections().get(id).orElse(c);
        shared.storage().connections().delete(id);
        shared.http().forget(id);
        shared.oauth().forget(id);
        LOG.info("Connection {} deleted ({} table(s) disconnected)", id, tables.size());
        List<Connection.TableRef> disconnected = tables.stream()
                .map(t -> new Connection.TableRef(t.id(), t.app(), t.name())).toList();
        Connector connector = shared.connectors().get(c.service());
        OAuthConnector oauthConnector = OAuthSupport.oauthConnector(connector);
        if (oauthConnector == null) {
            return new ConnectionDeletion(id, disconnected, ConnectionDeletion.Revocation.NOT_NEEDED,
                    "The connection had no tokens to revoke.");
        }
        String problem;
        try (MDC.MDCCloseable m = MDC.putCloseable("connection", id.value())) {
            problem = shared.oauth().revoke(id, oauthConnector, oauthConnector.oauth(
                    ConnectionSettings.plainWithDefaults(connector.descriptor(), last.settings())),
                    shared.secrets().open(id.value(), last.secrets()));
        } catch (RuntimeException e) {
            problem = e.getMessage();
            LOG.warn("Connection {}: its tokens could not be revoked ({}).", id, problem);
        }
        return problem == null
                ? new ConnectionDeletion(id, disconnected, ConnectionDeletion.Revocation.REVOKED,
                        "The connection's tokens were revoked at " + c.service() + ".")
                : new ConnectionDeletion(id, disconnected, ConnectionDeletion.Revocation.FAILED,
                        "The tokens could not be revoked (" + problem + "). They stay valid until they expire, or "
                        + "until the owner removes this application's access in the service's settings.");
    }

    /** @return the objects the connection reaches, for a table wizard */
    public List<SourceObject> objects(Principal caller, ConnectionId id) {
        StoredConnection c = shared.owned(caller, id);
        try (Sessions.Opened opened = Sessions.open(shared, c)) {
            return opened.session().objects();
        }
    }

    /**
     * @return the fields of one object
     * @throws ConnectionsException CONNECTOR with failure kind NOT_FOUND when the connection has no such object
     */
    public SourceSchema describe(Principal caller, ConnectionId id, String object) {
        StoredConnection c = shared.owned(caller, id);
        try (Sessions.Opened opened = Sessions.open(shared, c)) {
            return opened.session().describe(object);
        }
    }

    private Connection view(StoredConnection c) {
        return ConnectionView.of(shared, c);
    }
}

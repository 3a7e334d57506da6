package dev.connections.core;

import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.ConnectionId;
import dev.connections.api.ConnectionStatus;
import dev.connections.api.ConnectionsException;
import dev.connections.api.NewConnection;
import dev.connections.api.Principal;
import dev.connections.api.TestResult;
import dev.connections.core.internal.Engine;
import dev.connections.core.internal.Sessions;
import dev.connections.spi.Account;
import dev.connections.spi.Connector;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.SettingSpec;
import dev.connections.spi.SourceObject;
import dev.connections.spi.SourceSchema;
import dev.connections.spi.storage.StoredConnection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * "My Connections": create, view, test, rename and delete connections, and discover what they reach. Every call
 * names the principal acting; only a connection's owner can do anything with it. Thread-safe.
 */
public final class ConnectionService {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionService.class);

    private final Engine engine;

    ConnectionService(Engine engine) {
        this.engine = engine;
    }

    /**
     * Creates a connection to a service that needs no OAuth, after checking its settings and testing it. Nothing is
     * stored when a check or the test fails.
     *
     * @return the new connection, tested
     * @throws ConnectionsException INVALID_INPUT for an unknown service, a missing or unknown setting or a duplicate
     *                              name; a {@link ConnectorException} when the test fails
     */
    public Connection create(Principal owner, NewConnection request) {
        Connector connector = engine.connectors().get(request.service());
        ConnectorDescriptor d = connector.descriptor();
        if (d.authKind() == ConnectorDescriptor.AuthKind.OAUTH2) {
            throw ConnectionsException.invalid("The service '" + d.id() + "' uses OAuth: start with authorize() and "
                    + "finish with completeAuthorization() instead of create().");
        }
        String name = checkName(owner, request.name(), null);
        Map<String, String> settings = request.settings();
        checkSettings(d, settings);
        ConnectionId id = ConnectionId.random();
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> secret = new LinkedHashMap<>();
        Set<String> secretKeys = d.settings().stream().filter(SettingSpec::secret).map(SettingSpec::key)
                .collect(Collectors.toSet());
        settings.forEach((k, v) -> (secretKeys.contains(k) ? secret : plain).put(k, v));
        StoredConnection draft = new StoredConnection(id, d.id(), owner, name, ConnectionStatus.ACTIVE, null, null,
                plain, engine.secrets().seal(id.value(), secret), engine.clock().instant(), null);
        Account account;
        try (MDC.MDCCloseable m = MDC.putCloseable("connection", id.value());
             Sessions.Opened opened = Sessions.open(engine, draft)) {
            account = opened.session().test();
        }
        TestResult result = new TestResult(engine.clock().instant(), true, account.id(),
                "Connected to " + account.displayName() + ".");
        StoredConnection created = draft.withTest(result, account.id());
        engine.storage().connections().insert(created);
        LOG.info("Connection {} created on service {}", id, d.id());
        Supersession.apply(engine, created);
        return view(created);
    }

    /** @return the owner's connections, oldest first */
    public List<Connection> list(Principal owner) {
        return engine.storage().connections().byOwner(owner).stream().map(this::view).toList();
    }

    /** @return the connection: service, name, owner, status, account, created, last test, tables that use it */
    public Connection get(Principal caller, ConnectionId id) {
        return view(engine.owned(caller, id, "view it"));
    }

    /** Renames a connection; its tables keep using it. */
    public Connection rename(Principal caller, ConnectionId id, String newName) {
        StoredConnection c = engine.owned(caller, id, "rename it");
        StoredConnection renamed = c.withName(checkName(caller, newName, id));
        engine.storage().connections().update(renamed);
        return view(renamed);
    }

    /**
     * Tests a connection: its credentials and the service's requirements. The result and its time are kept and
     * shown with the connection. A connection whose credentials are refused is marked NEEDS_REAUTHORIZATION.
     *
     * @return the result; a failure is a result, not an exception
     */
    public TestResult test(Principal caller, ConnectionId id) {
        StoredConnection c = engine.owned(caller, id, "test it");
        TestResult result;
        try (MDC.MDCCloseable m = MDC.putCloseable("connection", id.value());
             Sessions.Opened opened = Sessions.open(engine, c)) {
            Account account = opened.session().test();
            result = new TestResult(engine.clock().instant(), true, account.id(),
                    "Connected to " + account.displayName() + ".");
        } catch (ConnectorException e) {
            result = new TestResult(engine.clock().instant(), false, c.account(), e.getMessage());
            if (e.kind() == ConnectorException.Kind.AUTHENTICATION) {
                c = engine.changeStatus(c, ConnectionStatus.NEEDS_REAUTHORIZATION, e.getMessage());
            }
        }
        if (result.ok() && c.status() == ConnectionStatus.NEEDS_REAUTHORIZATION) {
            c = engine.changeStatus(c, ConnectionStatus.ACTIVE, "the test succeeded");
        }
        engine.storage().connections().update(c.withTest(result, result.ok() ? result.account() : c.account()));
        return result;
    }

    /**
     * Deletes a connection that no table uses.
     *
     * @throws ConnectionsException CONFLICT naming the tables that use it
     */
    public void delete(Principal caller, ConnectionId id) {
        delete(caller, id, false);
    }

    /**
     * Deletes a connection.
     *
     * @param disconnectTables when true, tables that use it are disconnected: they keep their rows and history, stop
     *                         refreshing (each refresh fails saying the connection was deleted) and can be switched
     *                         to another connection; when false, the deletion is refused while tables use it
     */
    public void delete(Principal caller, ConnectionId id, boolean disconnectTables) {
        StoredConnection c = engine.owned(caller, id, "delete it");
        List<ConnectedTable> tables = engine.storage().tables().byConnection(id);
        if (!tables.isEmpty() && !disconnectTables) {
            throw ConnectionsException.conflict("Connection '" + c.name() + "' is used by " + tables.size()
                    + " table(s): " + tables.stream().map(t -> t.app() + "/" + t.name()).collect(Collectors.joining(", "))
                    + ". Switch or delete them first, or delete with disconnectTables=true to disconnect them.");
        }
        engine.storage().connections().delete(id);
        LOG.info("Connection {} deleted ({} table(s) disconnected)", id, tables.size());
    }

    /** @return the objects the connection reaches, for a table wizard */
    public List<SourceObject> objects(Principal caller, ConnectionId id) {
        StoredConnection c = engine.owned(caller, id, "browse it");
        try (Sessions.Opened opened = Sessions.open(engine, c)) {
            return opened.session().objects();
        }
    }

    /**
     * @return the fields of one object
     * @throws ConnectorException NOT_FOUND when the connection has no such object
     */
    public SourceSchema describe(Principal caller, ConnectionId id, String object) {
        StoredConnection c = engine.owned(caller, id, "browse it");
        try (Sessions.Opened opened = Sessions.open(engine, c)) {
            return opened.session().describe(object);
        }
    }

    private String checkName(Principal owner, String name, ConnectionId self) {
        if (name == null || name.isBlank()) {
            throw ConnectionsException.invalid("A connection needs a name, e.g. \"Pam's sales exports\".");
        }
        String trimmed = name.strip();
        boolean taken = engine.storage().connections().byOwner(owner).stream()
                .anyMatch(c -> c.name().equalsIgnoreCase(trimmed) && !c.id().equals(self));
        if (taken) {
            throw ConnectionsException.invalid("You already have a connection named \"" + trimmed
                    + "\"; choose another name.");
        }
        return trimmed;
    }

    private static void checkSettings(ConnectorDescriptor d, Map<String, String> settings) {
        Set<String> known = d.settings().stream().map(SettingSpec::key).collect(Collectors.toSet());
        for (String key : settings.keySet()) {
            if (!known.contains(key)) {
                throw ConnectionsException.invalid("The service '" + d.id() + "' has no setting '" + key
                        + "'. Its settings are: " + d.settings().stream().map(SettingSpec::key).toList() + ".");
            }
        }
        for (SettingSpec spec : d.settings()) {
            String value = settings.get(spec.key());
            if (spec.required() && spec.defaultValue() == null && (value == null || value.isBlank())) {
                throw ConnectionsException.invalid("The service '" + d.id() + "' needs the setting '" + spec.key()
                        + "' (" + spec.label() + "): " + spec.description());
            }
        }
    }

    Connection view(StoredConnection c) {
        Set<String> secretKeys = engine.connectors().all().stream()
                .filter(k -> k.descriptor().id().equals(c.service()))
                .flatMap(k -> k.descriptor().settings().stream()).filter(SettingSpec::secret)
                .map(SettingSpec::key).collect(Collectors.toSet());
        Map<String, String> shown = new LinkedHashMap<>(c.settings());
        shown.keySet().removeAll(secretKeys);
        List<Connection.TableRef> tables = engine.storage().tables().byConnection(c.id()).stream()
                .map(t -> new Connection.TableRef(t.id(), t.app(), t.name())).toList();
        return new Connection(c.id(), c.service(), c.name(), c.owner(), c.status(), c.account(), c.createdAt(),
                c.lastTest(), shown, tables);
    }
}

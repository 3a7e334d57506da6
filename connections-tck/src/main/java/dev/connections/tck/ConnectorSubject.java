package dev.connections.tck;

import dev.connections.spi.Connector;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The connector under test, described once for every connector suite ({@link ConnectorContract},
 * {@link BadSettingsContract}, {@link DeletesContract}, {@link FilterPushdownContract},
 * {@link OAuthConnectorContract}): the connector, the settings of a working connection, how the context of each
 * session is made, and an object whose content is known. A connector's test fixture makes it, and each suite's test
 * class returns it from {@code subject()}:
 *
 * <pre>{@code
 * ConnectorSubject<CsvConnector> subject() {
 *     return ConnectorSubject.of(CsvConnector.allowingRoots(folder), Map.of("folder", folder.toString()))
 *             .withKnownObject("orders.csv", List.of("id", "customer", "amount"))
 *             .withRefreshKey(List.of("id"));
 * }
 * }</pre>
 *
 * <p>An OAuth connector gives its sessions tokens and the SDK's HTTP support with {@link #withContexts}:
 * {@code .withContexts(s -> TestConnectorContext.of(s).withOAuth(tokens).withHttp(c -> http.forSession(c, policy)))}.
 * Every session a suite opens gets its context from {@link #newContext}.
 *
 * <p>Immutable: each {@code with} method returns a new subject. Thread-safe if the connector and the context factory
 * are. {@link #toString()} shows no setting values, which may be secret.
 *
 * @param <C> the connector's type; {@link OAuthConnectorContract} takes a subject of an
 *            {@link dev.connections.spi.OAuthConnector}
 */
public final class ConnectorSubject<C extends Connector> {

    private final C connector;
    private final Map<String, String> settings;
    private final Function<? super Map<String, String>, TestConnectorContext> contexts;
    private final String knownObject;
    private final List<String> knownFields;
    private final List<String> refreshKey;

    private ConnectorSubject(C connector, Map<String, String> settings,
                             Function<? super Map<String, String>, TestConnectorContext> contexts, String knownObject,
                             List<String> knownFields, List<String> refreshKey) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.settings = Map.copyOf(settings);
        this.contexts = Objects.requireNonNull(contexts, "contexts");
        this.knownObject = knownObject;
        this.knownFields = knownFields == null ? null : List.copyOf(knownFields);
        this.refreshKey = refreshKey == null ? null : List.copyOf(refreshKey);
    }

    /**
     * @param <C>       the connector's type
     * @param connector the connector under test; never null
     * @param settings  the settings of a working connection, secret ones included; never null, copied
     * @return a subject whose sessions get {@code TestConnectorContext.of(settings)}, with no known object yet
     */
    public static <C extends Connector> ConnectorSubject<C> of(C connector, Map<String, String> settings) {
        return new ConnectorSubject<>(connector, settings, TestConnectorContext::of, null, null, null);
    }

    /**
     * @param contexts makes the context of a session for its settings (the working ones, or those of a case of
     *                 {@link BadSettingsContract}), e.g. with the tokens and the HTTP support of an OAuth connector
     *                 or a clock shared with a stand-in; called for every session a suite opens; never null
     * @return this subject with that context factory
     */
    public ConnectorSubject<C> withContexts(Function<? super Map<String, String>, TestConnectorContext> contexts) {
        return new ConnectorSubject<>(connector, settings, contexts, knownObject, knownFields, refreshKey);
    }

    /**
     * @param object an object that exists and whose content is known; never null
     * @param fields the fields to read from it, types as {@code describe()} gives them; never null, copied
     * @return this subject with that known object, for the suites that read
     */
    public ConnectorSubject<C> withKnownObject(String object, List<String> fields) {
        return new ConnectorSubject<>(connector, settings, contexts, Objects.requireNonNull(object, "object"),
                Objects.requireNonNull(fields, "fields"), refreshKey);
    }

    /**
     * @param key 1 to 4 of the known fields that are unique and never blank in the known object; never null, copied
     * @return this subject with that refresh key
     */
    public ConnectorSubject<C> withRefreshKey(List<String> key) {
        return new ConnectorSubject<>(connector, settings, contexts, knownObject, knownFields,
                Objects.requireNonNull(key, "key"));
    }

    /** @return the same subject with another connector, e.g. one that wraps this subject's */
    <D extends Connector> ConnectorSubject<D> withConnector(D other) {
        return new ConnectorSubject<>(other, settings, contexts, knownObject, knownFields, refreshKey);
    }

    /** @return the connector under test; never null */
    public C connector() {
        return connector;
    }

    /** @return the settings of a working connection, secret ones included; never null, unmodifiable */
    public Map<String, String> settings() {
        return settings;
    }

    /**
     * @param settings the settings of the session, {@link #settings()} or a changed copy
     * @return a new context made by the {@link #withContexts context factory}; never null
     */
    public TestConnectorContext newContext(Map<String, String> settings) {
        return Objects.requireNonNull(contexts.apply(settings), "the context made for a session");
    }

    /**
     * @return the known object
     * @throws IllegalStateException when none was given: the suite reads one, name it with {@link #withKnownObject}
     */
    public String knownObject() {
        return required(knownObject, "withKnownObject(object, fields)");
    }

    /**
     * @return the fields of the known object to read; unmodifiable
     * @throws IllegalStateException when none were given with {@link #withKnownObject}
     */
    public List<String> knownFields() {
        return required(knownFields, "withKnownObject(object, fields)");
    }

    /**
     * @return the refresh key of the known object; unmodifiable
     * @throws IllegalStateException when none was given with {@link #withRefreshKey}
     */
    public List<String> refreshKey() {
        return required(refreshKey, "withRefreshKey(fields)");
    }

    private <T> T required(T value, String with) {
        if (value == null) {
            throw new IllegalStateException("The suite needs more of the connector under test than its subject "
                    + "says: give it with ConnectorSubject." + with);
        }
        return value;
    }

    /** Shows the connector, the setting keys and the known object, never a setting's value. */
    @Override
    public String toString() {
        return "ConnectorSubject[connector=" + connector.getClass().getName() + ", settings=" + settings.keySet()
                + ", knownObject=" + knownObject + "]";
    }
}

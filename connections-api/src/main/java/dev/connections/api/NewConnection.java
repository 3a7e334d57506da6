package dev.connections.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request to create a connection to a service that needs no OAuth (a CSV folder, a custom connector).
 * OAuth connections come from {@code authorize()} and {@code completeAuthorization()} instead.
 *
 * <pre>{@code NewConnection.of("csv", "Sales exports").set("folder", "/srv/exports")}</pre>
 *
 * <p>Not thread-safe while being built. Its {@code toString()} never shows setting values, which may be secret.
 */
public final class NewConnection {

    private final String service;
    private final String name;
    private final Map<String, String> settings = new LinkedHashMap<>();

    private NewConnection(String service, String name) {
        this.service = Objects.requireNonNull(service, "service");
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * @param service the connector id, e.g. {@code csv}
     * @param name    the name the owner gives it, e.g. "Pam's sales exports"
     * @return a request without settings
     */
    public static NewConnection of(String service, String name) {
        return new NewConnection(service, name);
    }

    /**
     * Sets one setting of the connector's settings spec; a second call with the same key replaces the value.
     *
     * @param key   the setting's key
     * @param value its value; secret settings too are given here, and kept encrypted
     * @return this
     */
    public NewConnection set(String key, String value) {
        settings.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** @return the connector id */
    public String service() {
        return service;
    }

    /** @return the name the owner gives it */
    public String name() {
        return name;
    }

    /** @return a copy of the settings given */
    public Map<String, String> settings() {
        return Map.copyOf(settings);
    }

    /** @return the service, the name and the setting keys; never a setting value */
    @Override
    public String toString() {
        return "NewConnection[service=" + service + ", name=" + name + ", settings=" + settings.keySet() + "]";
    }
}

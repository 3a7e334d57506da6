package dev.connections.core.internal;

import dev.connections.api.ConnectionsException;
import dev.connections.core.internal.oauth.OAuthSupport;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.SettingSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one owner of a connection's settings against its connector's settings spec: which are secret (kept sealed,
 * never shown), which are known and required, and the settings with the connector's defaults applied, as an OAuth
 * spec and as a session see them.
 */
public final class ConnectionSettings {

    private ConnectionSettings() {
    }

    /** A connection's settings split the way they are stored: plain ones, and secret ones to be sealed. */
    public record Split(Map<String, String> plain, Map<String, String> secret) {
    }

    /** @return the keys of the connector's secret settings */
    public static Set<String> secretKeys(ConnectorDescriptor d) {
        return d.settings().stream().filter(SettingSpec::secret).map(SettingSpec::key).collect(Collectors.toSet());
    }

    /** @return the settings split into plain and secret ones, each in the order given */
    public static Split split(ConnectorDescriptor d, Map<String, String> settings) {
        Set<String> secretKeys = secretKeys(d);
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> secret = new LinkedHashMap<>();
        settings.forEach((k, v) -> (secretKeys.contains(k) ? secret : plain).put(k, v));
        return new Split(plain, secret);
    }

    /**
     * @param secrets a connection's decrypted secrets
     * @return its secret settings: the secrets without its OAuth tokens, which are never settings
     */
    public static Map<String, String> secretSettings(Map<String, String> secrets) {
        Map<String, String> settings = new LinkedHashMap<>();
        secrets.forEach((k, v) -> {
            if (!k.startsWith(OAuthSupport.SECRET_PREFIX)) {
                settings.put(k, v);
            }
        });
        return settings;
    }

    /**
     * @return the plain settings with the defaults of the connector's plain settings: what its OAuth endpoints are
     *         chosen by
     */
    public static Map<String, String> plainWithDefaults(ConnectorDescriptor d, Map<String, String> plain) {
        return withDefaults(d, false, plain, Map.of());
    }

    /**
     * @param secrets the connection's decrypted secrets; its OAuth tokens are left out (sessions get them from
     *                {@code context.oauth()})
     * @return every setting, the connector's defaults first: what a connector session gets
     */
    public static Map<String, String> forSession(ConnectorDescriptor d, Map<String, String> plain,
                                                 Map<String, String> secrets) {
        return withDefaults(d, true, plain, secretSettings(secrets));
    }

    private static Map<String, String> withDefaults(ConnectorDescriptor d, boolean secretDefaults,
                                                    Map<String, String> plain, Map<String, String> secret) {
        Map<String, String> all = new LinkedHashMap<>();
        for (SettingSpec spec : d.settings()) {
            if (spec.defaultValue() != null && (secretDefaults || !spec.secret())) {
                all.put(spec.key(), spec.defaultValue());
            }
        }
        all.putAll(plain);
        all.putAll(secret);
        return all;
    }

    /** @throws ConnectionsException INVALID_INPUT naming a setting the connector does not have, and those it has */
    public static void checkKnown(ConnectorDescriptor d, Map<String, String> settings) {
        Set<String> known = d.settings().stream().map(SettingSpec::key).collect(Collectors.toSet());
        for (String key : settings.keySet()) {
            if (!known.contains(key)) {
                throw ConnectionsException.invalid("The service '" + d.id() + "' has no setting '" + key
                        + "'. Its settings are: " + d.settings().stream().map(SettingSpec::key).toList() + ".");
            }
        }
    }

    /** @throws ConnectionsException INVALID_INPUT naming a required setting without a value or a default */
    public static void checkRequired(ConnectorDescriptor d, Map<String, String> settings) {
        for (SettingSpec spec : d.settings()) {
            String value = settings.get(spec.key());
            if (spec.required() && spec.defaultValue() == null && (value == null || value.isBlank())) {
                throw ConnectionsException.invalid("The service '" + d.id() + "' needs the setting '" + spec.key()
                        + "' (" + spec.label() + "): " + spec.description());
            }
        }
    }
}

package dev.connections.spi;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One setting a connection of a service takes.
 *
 * @param key          the key hosts pass, e.g. {@code folder}
 * @param label        for people, e.g. "Folder"
 * @param description  what it means and which values it takes
 * @param required     whether a connection must set it
 * @param secret       whether the value is a credential: stored encrypted, never shown or logged
 * @param defaultValue the value when not set; null for none
 */
public record SettingSpec(String key, String label, String description, boolean required, boolean secret,
                          @Nullable String defaultValue) {

    /**
     * @param key          the key hosts pass
     * @param label        for people
     * @param description  what it means and which values it takes
     * @param required     whether a connection must set it
     * @param secret       whether the value is a credential
     * @param defaultValue the value when not set; null for none
     * @throws NullPointerException when {@code key}, {@code label} or {@code description} is null
     */
    public SettingSpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(description, "description");
    }

    /**
     * @param key         the key hosts pass
     * @param label       for people
     * @param description what it means and which values it takes
     * @return a required setting that is not secret
     */
    public static SettingSpec required(String key, String label, String description) {
        return new SettingSpec(key, label, description, true, false, null);
    }

    /**
     * @param key          the key hosts pass
     * @param label        for people
     * @param description  what it means and which values it takes
     * @param defaultValue the value when not set; null for none
     * @return an optional setting that is not secret
     */
    public static SettingSpec optional(String key, String label, String description, @Nullable String defaultValue) {
        return new SettingSpec(key, label, description, false, false, defaultValue);
    }

    /**
     * @param key         the key hosts pass
     * @param label       for people
     * @param description what it means and which values it takes
     * @return a required secret setting: stored encrypted, never shown or logged
     */
    public static SettingSpec secret(String key, String label, String description) {
        return new SettingSpec(key, label, description, true, true, null);
    }
}

package dev.connections.spi;

import java.util.Objects;

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
                          String defaultValue) {

    public SettingSpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(description, "description");
    }

    public static SettingSpec required(String key, String label, String description) {
        return new SettingSpec(key, label, description, true, false, null);
    }

    public static SettingSpec optional(String key, String label, String description, String defaultValue) {
        return new SettingSpec(key, label, description, false, false, defaultValue);
    }

    public static SettingSpec secret(String key, String label, String description) {
        return new SettingSpec(key, label, description, true, true, null);
    }
}

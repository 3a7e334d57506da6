package dev.connections.spi;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The thing on the service side a connection reaches.
 *
 * @param id          stable id: a Salesforce org id, a QuickBooks realm id, a folder's real path
 * @param displayName for people, e.g. the company name; never null (the id when the service tells none)
 */
public record Account(String id, String displayName) {

    /**
     * @param id          stable id
     * @param displayName for people; null takes the id
     */
    public Account(String id, @Nullable String displayName) {
        this.id = Objects.requireNonNull(id, "id");
        this.displayName = displayName == null ? id : displayName;
    }
}

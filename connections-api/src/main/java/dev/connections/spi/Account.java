package dev.connections.spi;

import java.util.Objects;

/**
 * The thing on the service side a connection reaches.
 *
 * @param id          stable id: a Salesforce org id, a QuickBooks realm id, a folder's real path
 * @param displayName for people, e.g. the company name
 */
public record Account(String id, String displayName) {

    public Account {
        Objects.requireNonNull(id, "id");
        displayName = displayName == null ? id : displayName;
    }
}

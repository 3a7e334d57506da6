package dev.connections.spi;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a connector is and needs.
 *
 * @param id            the service id, lower case, e.g. {@code csv}; unique among the connectors of one SDK
 * @param displayName   the service's name for people, e.g. "Folder of CSV files"
 * @param authKind      NONE or OAUTH2
 * @param settings      the settings a connection of this service takes
 * @param capabilities  what its reads can do
 * @param accountPolicy whether many connections may be active on one account
 */
public record ConnectorDescriptor(String id, String displayName, AuthKind authKind, List<SettingSpec> settings,
                                  Set<Capability> capabilities, AccountPolicy accountPolicy) {

    /**
     * Checks the id and copies the collections.
     *
     * @param id            the service id: a lower-case letter, then lower-case letters, digits, {@code -} or
     *                      {@code _}
     * @param displayName   the service's name for people
     * @param authKind      NONE or OAUTH2
     * @param settings      the settings a connection takes
     * @param capabilities  what its reads can do
     * @param accountPolicy whether many connections may be active on one account
     * @throws IllegalArgumentException when the id is not of that form
     */
    public ConnectorDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(authKind, "authKind");
        settings = List.copyOf(settings);
        capabilities = Set.copyOf(capabilities);
        Objects.requireNonNull(accountPolicy, "accountPolicy");
        if (!id.matches("[a-z][a-z0-9_-]*")) {
            throw new IllegalArgumentException("a connector id must be lower-case letters, digits, - or _: " + id);
        }
    }

    /** How a connection proves who it is. */
    public enum AuthKind {
        /** Settings only (a folder, a custom connector with its own credentials in secret settings). */
        NONE,
        /** OAuth 2.0 authorization code flow, run by the engine. */
        OAUTH2
    }

    /** What a connector's reads can do. */
    public enum Capability {
        /** It can read only what changed since a cursor. */
        INCREMENTAL,
        /** Its incremental reads report deleted records. */
        DELETES,
        /** It applies (part of) the filter at the service. */
        FILTER_PUSHDOWN
    }

    /** How many connections may be active on one account. */
    public enum AccountPolicy {
        /** Any number of connections, of any owners, may be active on one account. */
        MANY_PER_ACCOUNT,
        /** A newer connection to an account supersedes the older ones, whoever owns them (QuickBooks Online). */
        ONE_ACTIVE_PER_ACCOUNT
    }
}

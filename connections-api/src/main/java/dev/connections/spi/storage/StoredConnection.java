package dev.connections.spi.storage;

import dev.connections.api.ConnectionId;
import dev.connections.api.ConnectionStatus;
import dev.connections.api.Principal;
import dev.connections.api.TestResult;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A connection as storage keeps it.
 *
 * @param id           stable id
 * @param service      the connector id
 * @param owner        who owns it
 * @param name         the owner's name for it
 * @param status       whether it can be used
 * @param statusReason why it is not ACTIVE (e.g. which connection superseded it); null when ACTIVE
 * @param account      the account it reaches; null until known
 * @param settings     the non-secret settings
 * @param secrets      secret settings and tokens, encrypted by the engine (AES-GCM); null when there are none.
 *                     Storage keeps these bytes as they are and never sees plaintext.
 * @param createdAt    when it was created
 * @param lastTest     the last test; null if never tested
 * @param version      how often it was updated: as inserted (the engine inserts 0), and each
 *                     {@link ConnectionStore#update update} stores the next one. Storage keeps it; the
 *                     {@code with...} methods carry it, so an update made from a connection as read is stored only
 *                     while nobody else updated it since.
 */
public record StoredConnection(ConnectionId id, String service, Principal owner, String name,
                               ConnectionStatus status, @Nullable String statusReason, @Nullable String account,
                               Map<String, String> settings, byte @Nullable [] secrets, Instant createdAt,
                               @Nullable TestResult lastTest, long version) {

    /**
     * Copies the settings and the secrets.
     *
     * @param id           stable id
     * @param service      the connector id
     * @param owner        who owns it
     * @param name         the owner's name for it
     * @param status       whether it can be used
     * @param statusReason why it is not ACTIVE; null when ACTIVE
     * @param account      the account it reaches; null until known
     * @param settings     the non-secret settings
     * @param secrets      the engine's ciphertext of the secret settings and tokens; null when there are none
     * @param createdAt    when it was created
     * @param lastTest     the last test; null if never tested
     * @param version      how often it was updated; 0 for a new connection
     * @throws NullPointerException when {@code id}, {@code service}, {@code owner}, {@code name}, {@code status},
     *                              {@code settings} or {@code createdAt} is null
     */
    public StoredConnection {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        settings = Map.copyOf(settings);
        secrets = secrets == null ? null : secrets.clone();
        Objects.requireNonNull(createdAt, "createdAt");
        if (version < 0) {
            throw new IllegalArgumentException("version must be 0 or more, not " + version);
        }
    }

    /** @return a copy of the ciphertext; null when there are no secrets */
    @Override
    public byte @Nullable [] secrets() {
        return secrets == null ? null : secrets.clone();
    }

    /**
     * @param newName the owner's new name for it
     * @return this connection renamed
     */
    public StoredConnection withName(String newName) {
        return new StoredConnection(id, service, owner, newName, status, statusReason, account, settings, secrets,
                createdAt, lastTest, version);
    }

    /**
     * @param newStatus whether it can be used
     * @param reason    why it is not ACTIVE; null when ACTIVE
     * @return this connection with another status
     */
    public StoredConnection withStatus(ConnectionStatus newStatus, @Nullable String reason) {
        return new StoredConnection(id, service, owner, name, newStatus, reason, account, settings, secrets,
                createdAt, lastTest, version);
    }

    /**
     * @param result     the test's outcome
     * @param newAccount the account it reaches now; null when still unknown
     * @return this connection with a new last test and account
     */
    public StoredConnection withTest(TestResult result, @Nullable String newAccount) {
        return new StoredConnection(id, service, owner, name, status, statusReason, newAccount, settings, secrets,
                createdAt, result, version);
    }

    /**
     * @param newSecrets the engine's new ciphertext; null when there are none
     * @return this connection with other secrets
     */
    public StoredConnection withSecrets(byte @Nullable [] newSecrets) {
        return new StoredConnection(id, service, owner, name, status, statusReason, account, settings, newSecrets,
                createdAt, lastTest, version);
    }

    /**
     * For storages: the connection as a successful {@link ConnectionStore#update update} leaves it stored.
     *
     * @return this connection with the next version
     */
    public StoredConnection nextVersion() {
        return new StoredConnection(id, service, owner, name, status, statusReason, account, settings, secrets,
                createdAt, lastTest, version + 1);
    }

    /** @return whether {@code o} is a stored connection with equal components, the secrets compared by content */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof StoredConnection c && id.equals(c.id) && service.equals(c.service)
                && owner.equals(c.owner) && name.equals(c.name) && status == c.status
                && Objects.equals(statusReason, c.statusReason) && Objects.equals(account, c.account)
                && settings.equals(c.settings) && Arrays.equals(secrets, c.secrets)
                && createdAt.equals(c.createdAt) && Objects.equals(lastTest, c.lastTest) && version == c.version;
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    /** Shows no setting values and no secret. */
    @Override
    public String toString() {
        return "StoredConnection[id=" + id + ", service=" + service + ", owner=" + owner + ", name=" + name
                + ", status=" + status + ", account=" + account + ", settings=" + settings.keySet() + ", version="
                + version + "]";
    }
}

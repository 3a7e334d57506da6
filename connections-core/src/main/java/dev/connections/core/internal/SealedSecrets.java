package dev.connections.core.internal;

import dev.connections.api.ConnectionId;
import dev.connections.api.ConnectionStatus;
import dev.connections.core.internal.oauth.ConnectionSecrets;
import dev.connections.spi.storage.Storage;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The secrets of stored connections, sealed with this instance's key: what OAuth support keeps tokens in.
 * Thread-safe.
 */
public final class SealedSecrets implements ConnectionSecrets {

    private final Storage storage;
    private final SecretBox box;
    private final ConnectionStatuses statuses;
    private final String instanceId;
    private final Clock clock;

    /** @param instanceId this instance, as holder of token locks */
    public SealedSecrets(Storage storage, SecretBox box, ConnectionStatuses statuses, String instanceId, Clock clock) {
        this.storage = storage;
        this.box = box;
        this.statuses = statuses;
        this.instanceId = instanceId;
        this.clock = clock;
    }

    @Override
    public Optional<Map<String, String>> read(ConnectionId connection) {
        return storage.connections().get(connection).map(c -> box.open(connection.value(), c.secrets()));
    }

    @Override
    public boolean update(ConnectionId connection, UnaryOperator<Map<String, String>> change) {
        return ConnectionChanges.apply(storage.connections(), connection, c -> {
            Map<String, String> now = box.open(connection.value(), c.secrets());
            Map<String, String> next = change.apply(new LinkedHashMap<>(now));
            // unchanged secrets are not sealed again: new ciphertext would be a write, and a conflict for others
            return next.equals(now) ? c : c.withSecrets(box.seal(connection.value(), next));
        }).isPresent();
    }

    /** A storage lease named {@code token:<connection id>}, under a holder name of its own for each take. */
    @Override
    public Optional<TokenLock> tryLockTokens(ConnectionId connection, Duration ttl) {
        return storage.tryLease("token:" + connection.value(), instanceId + "/" + UUID.randomUUID(), clock.instant(),
                ttl).map(lease -> lease::close);
    }

    @Override
    public void refused(ConnectionId connection, String reason, Predicate<Map<String, String>> stillRefused) {
        statuses.changeIf(connection, latest -> latest.status() == ConnectionStatus.ACTIVE
                && stillRefused.test(box.open(connection.value(), latest.secrets())),
                ConnectionStatus.NEEDS_REAUTHORIZATION, reason);
    }
}

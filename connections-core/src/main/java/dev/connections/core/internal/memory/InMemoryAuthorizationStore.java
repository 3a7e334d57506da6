package dev.connections.core.internal.memory;

import dev.connections.spi.storage.AuthorizationStore;
import dev.connections.spi.storage.StoredAuthorization;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Pending OAuth authorizations in memory, by state. Thread-safe: taking one is a single atomic remove. */
final class InMemoryAuthorizationStore implements AuthorizationStore {

    private final ConcurrentMap<String, StoredAuthorization> byState = new ConcurrentHashMap<>();

    @Override
    public void save(StoredAuthorization authorization) {
        if (byState.putIfAbsent(authorization.state(), authorization) != null) {
            throw new IllegalStateException("an authorization with this state is stored already");
        }
    }

    @Override
    public Optional<StoredAuthorization> take(String state) {
        return Optional.ofNullable(byState.remove(Objects.requireNonNull(state, "state")));
    }

    @Override
    public int dropExpired(Instant before) {
        Objects.requireNonNull(before, "before");
        int dropped = 0;
        for (StoredAuthorization a : byState.values()) {
            if (a.expiresAt().isBefore(before) && byState.remove(a.state(), a)) {
                dropped++;
            }
        }
        return dropped;
    }
}

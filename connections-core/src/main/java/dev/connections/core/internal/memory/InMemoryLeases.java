package dev.connections.core.internal.memory;

import dev.connections.spi.storage.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Named leases in memory. A lease is held until the instant it expires (exclusive); time comes only from the
 * {@code now} callers pass. Thread-safe: every change holds this object's monitor.
 */
final class InMemoryLeases {

    /** Who holds a lease now, and until when. */
    private record Holding(String holder, Instant expiresAt) {
    }

    private final Map<String, Holding> holdings = new HashMap<>();

    synchronized Optional<Lease> tryLease(String name, String holder, Instant now, Duration ttl) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(holder, "holder");
        Instant expiresAt = expiry(now, ttl);
        Holding current = holdings.get(name);
        if (current != null && !current.holder().equals(holder) && now.isBefore(current.expiresAt())) {
            return Optional.empty();
        }
        holdings.put(name, new Holding(holder, expiresAt));
        return Optional.of(new MemoryLease(name, holder, expiresAt));
    }

    private static Instant expiry(Instant now, Duration ttl) {
        Objects.requireNonNull(now, "now");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a lease lasts a positive time, not " + ttl);
        }
        return now.plus(ttl);
    }

    /** One lease taken; renewing and closing it go through the holdings. */
    private final class MemoryLease implements Lease {
        private final String name;
        private final String holder;
        private volatile Instant expiresAt;

        MemoryLease(String name, String holder, Instant expiresAt) {
            this.name = name;
            this.holder = holder;
            this.expiresAt = expiresAt;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String holder() {
            return holder;
        }

        @Override
        public Instant expiresAt() {
            return expiresAt;
        }

        @Override
        public boolean renew(Instant now, Duration ttl) {
            Instant next = expiry(now, ttl);
            synchronized (InMemoryLeases.this) {
                Holding current = holdings.get(name);
                if (current == null || !current.holder().equals(holder)) {
                    return false;
                }
                holdings.put(name, new Holding(holder, next));
                expiresAt = next;
                return true;
            }
        }

        @Override
        public void close() {
            synchronized (InMemoryLeases.this) {
                Holding current = holdings.get(name);
                if (current != null && current.holder().equals(holder)) {
                    holdings.remove(name);
                }
            }
        }

        @Override
        public String toString() {
            return "Lease[" + name + " held by " + holder + " until " + expiresAt + "]";
        }
    }
}

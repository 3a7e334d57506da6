package dev.connections.core.internal.memory;

import dev.connections.spi.storage.Lease;
import dev.connections.spi.storage.LeaseLostException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Named leases in memory. A lease is held until the instant it expires (exclusive); this storage has no clock of its
 * own, so time comes only from the {@code now} callers pass. Each take issues the next generation of its name; a
 * released lease keeps its last generation, so generations only grow. Thread-safe: every change holds this object's
 * monitor.
 */
final class InMemoryLeases {

    /** Who holds a lease now, until when, and with which generation; {@code holder} null once released. */
    private record Holding(String holder, Instant expiresAt, long generation) {
    }

    private final Map<String, Holding> holdings = new HashMap<>();

    synchronized Optional<Lease> tryLease(String name, String holder, Instant now, Duration ttl) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(holder, "holder");
        Instant expiresAt = expiry(now, ttl);
        Holding current = holdings.get(name);
        if (current != null && current.holder() != null && !current.holder().equals(holder)
                && now.isBefore(current.expiresAt())) {
            return Optional.empty();
        }
        long generation = current == null ? 1 : current.generation() + 1;
        holdings.put(name, new Holding(holder, expiresAt, generation));
        return Optional.of(new MemoryLease(name, holder, expiresAt, generation));
    }

    /**
     * The fence of a commit: call it under the lock the commit holds. This storage has no clock, so a lease holds
     * until another holder takes it (after it ran out by the time that holder gave) or it is released.
     *
     * @throws LeaseLostException when the lease is no longer held with the fence's generation
     */
    synchronized void checkHeld(Lease fence) {
        Holding current = holdings.get(fence.name());
        if (current == null || current.holder() == null || current.generation() != fence.generation()) {
            throw new LeaseLostException("the lease " + fence.name() + " of generation " + fence.generation()
                    + " is no longer held: " + (current == null || current.holder() == null ? "it was released"
                    : "generation " + current.generation() + " took it over"));
        }
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
        private final long generation;
        private volatile Instant expiresAt;

        MemoryLease(String name, String holder, Instant expiresAt, long generation) {
            this.name = name;
            this.holder = holder;
            this.expiresAt = expiresAt;
            this.generation = generation;
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
        public long generation() {
            return generation;
        }

        @Override
        public Instant expiresAt() {
            return expiresAt;
        }

        @Override
        public boolean renew(Instant now, Duration ttl) {
            Instant next = expiry(now, ttl);
            synchronized (InMemoryLeases.this) {
                if (!mine(holdings.get(name))) {
                    return false;
                }
                holdings.put(name, new Holding(holder, next, generation));
                expiresAt = next;
                return true;
            }
        }

        @Override
        public void close() {
            synchronized (InMemoryLeases.this) {
                Holding current = holdings.get(name);
                if (mine(current)) {
                    holdings.put(name, new Holding(null, current.expiresAt(), generation));
                }
            }
        }

        private boolean mine(Holding current) {
            return current != null && holder.equals(current.holder()) && current.generation() == generation;
        }

        @Override
        public String toString() {
            return "Lease[" + name + " held by " + holder + " until " + expiresAt + ", generation " + generation + "]";
        }
    }
}

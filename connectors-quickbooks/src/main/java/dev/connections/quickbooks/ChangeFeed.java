package dev.connections.quickbooks;

import dev.connections.spi.ConnectorException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The change data capture answers of one connection, shared by the sessions of its tables so that a refresh wave
 * (the tables of a connection refreshing one after another or at once) costs one CDC call instead of one per table.
 *
 * <p>Every read tells the feed where the next read of its entity will start ({@link #expect}). When a read needs
 * changes since an instant, it takes the connection's latest answer if that answer is at most {@link #SHARE_FOR} old,
 * covers its entity, and {@linkplain ChangeSet#serves serves} its cursor; a read that arrives while that answer is
 * still being fetched waits for it. Otherwise it fetches a new answer for its own entity <em>and</em> every entity
 * whose next read is expected to start at most {@link #CATCH_UP} earlier (read in the last {@link #INTEREST}), from
 * the oldest of those starts, and that answer becomes the shared one; as every table of the wave continues from the
 * same answer, the next wave's cursors agree. An answer that may have been cut off (1000 objects) is not shared: each read then asks for its own
 * entity alone. The answer is small (at most 1000 objects) and dropped when the next one replaces it.
 *
 * <p>Thread-safe. A failure of a shared fetch is the failure of every read that waited for it.
 */
final class ChangeFeed {

    /** How long an answer serves other tables of the connection. */
    static final Duration SHARE_FOR = Duration.ofMinutes(2);

    /**
     * How much older than the asking read's cursor another table's cursor may be and still be served by the same
     * answer: the answer then starts at the oldest of them, and every table of the wave continues from its time.
     */
    static final Duration CATCH_UP = Duration.ofHours(1);

    /** How long an entity stays in the connection's shared requests after a table last read it. */
    static final Duration INTEREST = Duration.ofHours(25);

    /** Asks QuickBooks. */
    @FunctionalInterface
    interface Fetcher {
        ChangeSet fetch(List<String> entities, Instant since);
    }

    private record Expected(Instant cursor, Instant at) {
    }

    private record Shared(List<String> entities, Instant since, Instant startedAt,
                          CompletableFuture<ChangeSet> answer) {
    }

    private final Map<String, Expected> expected = new HashMap<>();
    private Shared latest;
    private Instant lastUsed;

    /** Notes that the next read of an entity will ask for changes since {@code cursor}. */
    synchronized void expect(String entity, Instant cursor, Instant now) {
        expected.put(entity, new Expected(cursor, now));
        lastUsed = now;
    }

    /**
     * @return an answer holding every change of {@code entity} since {@code since}; shared when one serves
     */
    ChangeSet changes(String entity, Instant since, Instant now, Fetcher fetcher) {
        Shared shared;
        boolean mine = false;
        synchronized (this) {
            lastUsed = now;
            expected.values().removeIf(e -> e.at().isBefore(now.minus(INTEREST)));
            if (latest != null && latest.entities().contains(entity) && !since.isBefore(latest.since())
                    && now.isBefore(latest.startedAt().plus(SHARE_FOR))) {
                shared = latest;
            } else {
                TreeSet<String> entities = new TreeSet<>();
                entities.add(entity);
                Instant from = since;
                for (Map.Entry<String, Expected> e : expected.entrySet()) {
                    Instant cursor = e.getValue().cursor();
                    if (!cursor.isBefore(since.minus(CATCH_UP))) {
                        entities.add(e.getKey());
                        from = cursor.isBefore(from) ? cursor : from;
                    }
                }
                shared = new Shared(new ArrayList<>(entities), from, now, new CompletableFuture<>());
                latest = shared;
                mine = true;
            }
        }
        if (mine) {
            try {
                shared.answer().complete(fetcher.fetch(shared.entities(), shared.since()));
            } catch (RuntimeException e) {
                shared.answer().completeExceptionally(e);
                drop(shared);
                throw e;
            }
        }
        ChangeSet set = await(shared.answer());
        if (set.capped()) {
            drop(shared);
            if (set.entities().size() > 1) {
                return fetcher.fetch(List.of(entity), since);
            }
        }
        return set.serves(entity, since) ? set : fetcher.fetch(List.of(entity), since);
    }

    synchronized boolean idleSince(Instant instant) {
        return lastUsed == null || lastUsed.isBefore(instant);
    }

    private synchronized void drop(Shared shared) {
        if (latest == shared) {
            latest = null;
        }
    }

    private static ChangeSet await(CompletableFuture<ChangeSet> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ConnectorException ce) {
                throw new ConnectorException(ce.kind(), ce.getMessage(), ce.location(), ce.retryAfter(), ce);
            }
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }
}

package dev.connections.quickbooks;

import dev.connections.api.ConnectionId;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The {@link ChangeFeed} of each connection, held by the connector (sessions come and go with each refresh; the feed
 * outlives them). A feed unused for {@link ChangeFeed#INTEREST} is dropped. Thread-safe.
 */
final class ChangeFeeds {

    private static final Duration SWEEP_EVERY = Duration.ofHours(1);

    private final ConcurrentMap<ConnectionId, ChangeFeed> feeds = new ConcurrentHashMap<>();
    private volatile Instant nextSweep = Instant.MIN;

    ChangeFeed of(ConnectionId connection, Instant now) {
        if (now.isAfter(nextSweep)) {
            nextSweep = now.plus(SWEEP_EVERY);
            feeds.values().removeIf(feed -> feed.idleSince(now.minus(ChangeFeed.INTEREST)));
        }
        return feeds.computeIfAbsent(connection, c -> new ChangeFeed());
    }
}

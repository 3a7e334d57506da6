package dev.connections.core.internal.memory;

import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshStatus;
import dev.connections.api.TableId;
import dev.connections.spi.storage.HistoryStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Refresh history in memory: per table, the runs ordered newest first (by start, then by when they were first
 * saved), and an index of the runs still RUNNING. Thread-safe: every method holds this store's monitor.
 */
final class InMemoryHistoryStore implements HistoryStore {

    /** A run and the order of its first save, which breaks ties between runs that started at the same instant. */
    private record Saved(RefreshRun run, long order) {
    }

    private static final Comparator<Saved> NEWEST_FIRST = Comparator
            .comparing((Saved s) -> s.run().startedAt()).thenComparingLong(Saved::order).reversed();

    private final Map<String, Saved> byId = new HashMap<>();
    private final Map<TableId, NavigableSet<Saved>> byTable = new HashMap<>();
    private final Map<String, RefreshRun> running = new LinkedHashMap<>();
    private long saves;

    @Override
    public synchronized void save(RefreshRun run) {
        Saved old = byId.remove(run.id());
        if (old != null) {
            byTable.get(old.run().table()).remove(old);
            running.remove(run.id());
        }
        Saved saved = new Saved(run, old == null ? ++saves : old.order());
        byId.put(run.id(), saved);
        byTable.computeIfAbsent(run.table(), t -> new TreeSet<>(NEWEST_FIRST)).add(saved);
        if (run.status() == RefreshStatus.RUNNING) {
            running.put(run.id(), run);
        }
    }

    @Override
    public synchronized List<RefreshRun> recent(TableId table, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("the limit must not be negative: " + limit);
        }
        List<RefreshRun> runs = new ArrayList<>();
        for (Saved saved : byTable.getOrDefault(table, new TreeSet<>(NEWEST_FIRST))) {
            if (runs.size() == limit) {
                break;
            }
            runs.add(saved.run());
        }
        return runs;
    }

    @Override
    public synchronized Optional<RefreshRun> latest(TableId table, RefreshStatus status) {
        for (Saved saved : byTable.getOrDefault(table, new TreeSet<>(NEWEST_FIRST))) {
            if (saved.run().status() == status) {
                return Optional.of(saved.run());
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized List<RefreshRun> running() {
        return List.copyOf(running.values());
    }

    @Override
    public synchronized void deleteTable(TableId table) {
        NavigableSet<Saved> runs = byTable.remove(table);
        if (runs != null) {
            for (Saved saved : runs) {
                byId.remove(saved.run().id());
                running.remove(saved.run().id());
            }
        }
    }
}

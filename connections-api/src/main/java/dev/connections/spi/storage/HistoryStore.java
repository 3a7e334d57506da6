package dev.connections.spi.storage;

import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshStatus;
import dev.connections.api.TableId;
import java.util.List;
import java.util.Optional;

/**
 * The refresh history of tables. Thread-safe. The final entry of a successful run is written by
 * {@link RefreshWriter#commit} together with the data; the others (a run starting, a run failing) are saved here.
 */
public interface HistoryStore {

    /** Inserts the run, or replaces the stored run with the same id. */
    void save(RefreshRun run);

    /** @return up to {@code limit} runs of a table, newest first */
    List<RefreshRun> recent(TableId table, int limit);

    /** @return the newest run of a table with this status */
    Optional<RefreshRun> latest(TableId table, RefreshStatus status);

    /** @return every run still RUNNING, of every table (after a crash, some of these were interrupted) */
    List<RefreshRun> running();

    /** Removes the history of a table. */
    void deleteTable(TableId table);
}

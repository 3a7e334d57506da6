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

    /**
     * Inserts the run, or replaces the stored run with the same id.
     *
     * @param run the run as it is now
     */
    void save(RefreshRun run);

    /**
     * @param table a table
     * @param limit the most to return
     * @return up to {@code limit} runs of a table, newest first
     */
    List<RefreshRun> recent(TableId table, int limit);

    /**
     * @param table  a table
     * @param status the status looked for
     * @return the newest run of a table with this status; empty when there is none
     */
    Optional<RefreshRun> latest(TableId table, RefreshStatus status);

    /** @return every run still RUNNING, of every table (after a crash, some of these were interrupted) */
    List<RefreshRun> running();

    /**
     * Removes the history of a table.
     *
     * @param table the table
     */
    void deleteTable(TableId table);
}

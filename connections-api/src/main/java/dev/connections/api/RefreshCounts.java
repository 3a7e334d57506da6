package dev.connections.api;

/**
 * What one refresh did to a table's records.
 *
 * @param added     records new to the table
 * @param updated   records whose values changed
 * @param unchanged records read again with the same values (not rewritten)
 * @param removed   records removed (no longer in the source, or no longer matching the filter, with REMOVE)
 */
public record RefreshCounts(long added, long updated, long unchanged, long removed) {

    /** Nothing done: the counts of a run that is running or failed. */
    public static final RefreshCounts NONE = new RefreshCounts(0, 0, 0, 0);

    /** @return the records read from the source that reached the table */
    public long total() {
        return added + updated + unchanged;
    }

    /** @return the four counts for people: {@code added 3, updated 1, unchanged 10, removed 0} */
    @Override
    public String toString() {
        return "added " + added + ", updated " + updated + ", unchanged " + unchanged + ", removed " + removed;
    }
}

package dev.connections.quickbooks;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One change data capture answer: every record of the asked entities that changed since an instant, deleted ones as
 * {@code {"Id", "status": "Deleted"}} stubs. At most {@value QuickBooksApi#CDC_LIMIT} objects, so it stays small
 * enough to share among the sessions of a connection. Immutable once built; read by several threads.
 *
 * @param entities the entities asked for
 * @param since    the instant asked from
 * @param next     where the next read of these entities starts: the service's time of the answer, less an overlap
 * @param capped   whether the answer reached the limit and may have been cut off
 * @param records  per entity, the records and stubs of the answer
 */
record ChangeSet(List<String> entities, Instant since, Instant next, boolean capped,
                 Map<String, List<Map<String, Object>>> records) {

    /** @return the changes of one entity; empty when it has none or was not asked for */
    List<Map<String, Object>> of(String entity) {
        return records.getOrDefault(entity, List.of());
    }

    /**
     * @return whether a table whose last read ended at {@code cursor} can take this answer for {@code entity}: the
     *         answer starts no later than the cursor and was taken no earlier, so it holds every change since the
     *         cursor and nothing older than what the table has
     */
    boolean serves(String entity, Instant cursor) {
        return entities.contains(entity) && !cursor.isBefore(since) && !cursor.isAfter(next);
    }

    static boolean deleted(Map<String, Object> record) {
        return "Deleted".equals(record.get("status"));
    }
}

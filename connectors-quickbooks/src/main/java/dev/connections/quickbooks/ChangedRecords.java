package dev.connections.quickbooks;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The records of one entity changed within a time window, read with queries when change data capture cannot list
 * them all (its answer stops at 1000 objects). Pages by {@code MetaData.LastUpdatedTime} rather than by position: a
 * record changed while the pages are read moves past the window's end, so it is neither read twice nor makes another
 * record slip to an earlier page. Used by one read, on its thread.
 */
final class ChangedRecords {

    private static final int PAGE = 1000;
    private static final String UPDATED = "MetaData.LastUpdatedTime";

    private final QuickBooksApi api;
    private final String entity;
    private final Consumer<Map<String, Object>> sink;

    ChangedRecords(QuickBooksApi api, String entity, Consumer<Map<String, Object>> sink) {
        this.api = api;
        this.entity = entity;
        this.sink = sink;
    }

    /**
     * Delivers every record whose LastUpdatedTime lies in [from, until], paging by that time: each page starts at the
     * newest time of the previous one, skipping the records already delivered at exactly that time. A full page all
     * at one instant is read by position within that instant.
     */
    void between(Instant from, Instant until) {
        String upTo = UPDATED + " <= " + Pushdown.quote(Cursors.literal(until));
        Instant at = from;
        String op = ">=";
        Set<String> deliveredAt = new HashSet<>();
        while (true) {
            Instant boundary = at;
            Instant[] newest = {at};
            Set<String> newestIds = new HashSet<>();
            String query = "SELECT * FROM " + entity + " WHERE " + UPDATED + " " + op + " "
                    + Pushdown.quote(Cursors.literal(at)) + " AND " + upTo + " ORDERBY " + UPDATED + " MAXRESULTS "
                    + PAGE;
            QuickBooksApi.Page page = api.query(entity, query, record -> {
                Instant updated = updated(record);
                String id = String.valueOf(record.get("Id"));
                if (!(updated.equals(boundary) && deliveredAt.contains(id))) {
                    sink.accept(record);
                }
                if (updated.isAfter(newest[0])) {
                    newest[0] = updated;
                    newestIds.clear();
                }
                if (updated.equals(newest[0])) {
                    newestIds.add(id);
                }
            });
            if (page.records() < PAGE) {
                return;
            }
            if (newest[0].equals(at)) {
                deliveredAt.addAll(newestIds);
                sameInstant(at, deliveredAt);
                op = ">";
                deliveredAt.clear();
            } else {
                at = newest[0];
                op = ">=";
                deliveredAt.clear();
                deliveredAt.addAll(newestIds);
            }
        }
    }

    /** Reads the records last updated at exactly one instant, by position, skipping those already delivered. */
    private void sameInstant(Instant at, Set<String> delivered) {
        String select = "SELECT * FROM " + entity + " WHERE " + UPDATED + " = "
                + Pushdown.quote(Cursors.literal(at)) + " ORDERBY Id STARTPOSITION ";
        int start = 1;
        while (true) {
            QuickBooksApi.Page page = api.query(entity, select + start + " MAXRESULTS " + PAGE, record -> {
                if (delivered.add(String.valueOf(record.get("Id")))) {
                    sink.accept(record);
                }
            });
            if (page.records() < PAGE) {
                return;
            }
            start += PAGE;
        }
    }

    private static Instant updated(Map<String, Object> record) {
        Object time = JsonValues.at(record, new String[] {"MetaData", "LastUpdatedTime"});
        return OffsetDateTime.parse(String.valueOf(time)).toInstant();
    }
}

package dev.connections.quickbooks;

import dev.connections.api.ReadMode;
import dev.connections.spi.ReadRequest;
import dev.connections.spi.ReadResult;
import dev.connections.spi.RecordSink;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One read of one entity, FULL or INCREMENTAL. Runs on the session's thread and streams every record into the sink
 * as it is parsed.
 *
 * <ul>
 *   <li><b>Full</b>: {@code SELECT * FROM E [WHERE pushed-down conditions] ORDERBY Id STARTPOSITION n MAXRESULTS 1000}
 *       until a page holds fewer than 1000 records. The cursor is the service's time of the first page.</li>
 *   <li><b>Incremental</b>: the changes since the cursor from change data capture (shared with the connection's other
 *       tables, see {@link ChangeFeed}); every changed record is delivered, matching the filter or not, and a record
 *       with {@code status: Deleted} is a deletion by its Id. A cursor older than {@link Cursors#WINDOW} (QuickBooks
 *       looks back 30 days) makes the read a full one, and so do deletions when the table's refresh key is not
 *       {@code Id} (a deleted record is known by its Id only).</li>
 *   <li><b>An answer of 1000 objects</b> may have been cut off: its deletions are delivered, and the changed records
 *       are read with queries paged by {@code MetaData.LastUpdatedTime} between the cursor and the answer's time
 *       (keyset paging, so a record changed meanwhile is neither skipped nor read twice). Deletions beyond the
 *       answer's 1000 objects cannot be seen this way, so such a read returns no cursor: the table's next refresh
 *       is a full one, which removes them from a REMOVE table.</li>
 * </ul>
 */
final class EntityRead {

    private static final Logger LOG = LoggerFactory.getLogger(EntityRead.class);
    private static final int PAGE = 1000;

    private final QuickBooksApi api;
    private final Catalog.Entity entity;
    private final ReadRequest request;
    private final RecordSink sink;
    private final RowMapper mapper;
    private final ChangeFeed feed;
    private final Clock clock;

    EntityRead(QuickBooksApi api, Catalog.Entity entity, ReadRequest request, RecordSink sink, ChangeFeed feed,
               Clock clock) {
        this.api = api;
        this.entity = entity;
        this.request = request;
        this.sink = sink;
        this.mapper = new RowMapper(entity.name(), request.fields());
        this.feed = feed;
        this.clock = clock;
    }

    ReadResult run() {
        if (request.mode() == ReadMode.FULL) {
            return full();
        }
        Instant now = clock.instant();
        Optional<Instant> since = Cursors.since(request.cursor());
        if (since.isEmpty() || since.get().isBefore(now.minus(Cursors.WINDOW))) {
            LOG.info("{}: the cursor is older than QuickBooks's change window (or not this connector's); reading in "
                    + "full", entity.name());
            return full();
        }
        ChangeSet set = feed.changes(entity.name(), since.get(), now, api::changes);
        List<Map<String, Object>> changes = set.of(entity.name());
        boolean deletions = changes.stream().anyMatch(ChangeSet::deleted);
        if (deletions && !request.refreshKey().equals(List.of("Id"))) {
            LOG.info("{}: records were deleted and the table's refresh key is not Id; reading in full to remove them",
                    entity.name());
            return full();
        }
        for (Map<String, Object> change : changes) {
            if (ChangeSet.deleted(change)) {
                sink.deleted(mapper.id(String.valueOf(change.get("Id"))));
            }
        }
        if (set.capped()) {
            LOG.info("{}: change data capture answered its limit of {} objects; reading the changed records by "
                    + "LastUpdatedTime", entity.name(), QuickBooksApi.CDC_LIMIT);
            new ChangedRecords(api, entity.name(), record -> sink.accept(mapper.row(record)))
                    .between(since.get(), set.next().plus(Cursors.OVERLAP));
            // deletions beyond the cap are unknown: no cursor makes the next refresh a full comparison
            return ReadResult.incremental(null);
        } else {
            for (Map<String, Object> change : changes) {
                if (!ChangeSet.deleted(change)) {
                    sink.accept(mapper.row(change));
                }
            }
        }
        feed.expect(entity.name(), set.next(), now);
        return ReadResult.incremental(Cursors.of(set.next()));
    }

    private ReadResult full() {
        String where = Pushdown.where(entity, request.fields(), request.filter());
        String select = "SELECT * FROM " + entity.name() + (where.isEmpty() ? "" : " WHERE " + where)
                + " ORDERBY Id STARTPOSITION ";
        Instant asked = clock.instant();
        Instant first = null;
        int start = 1;
        while (true) {
            QuickBooksApi.Page page = api.query(entity.name(), select + start + " MAXRESULTS " + PAGE,
                    record -> sink.accept(mapper.row(record)));
            if (first == null) {
                first = page.time() != null ? page.time() : asked;
            }
            if (page.records() < PAGE) {
                break;
            }
            start += PAGE;
        }
        Instant next = Cursors.next(first);
        feed.expect(entity.name(), next, clock.instant());
        return ReadResult.full(Cursors.of(next));
    }
}

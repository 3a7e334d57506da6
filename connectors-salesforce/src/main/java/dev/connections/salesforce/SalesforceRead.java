package dev.connections.salesforce;

import com.squareup.moshi.JsonReader;
import dev.connections.api.ConnectionsException;
import dev.connections.api.Filter;
import dev.connections.api.ReadMode;
import dev.connections.api.SourceField;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.Cursor;
import dev.connections.spi.ReadRequest;
import dev.connections.spi.ReadResult;
import dev.connections.spi.RecordSink;
import dev.connections.spi.Row;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One read of one sObject: full (REST or Bulk) or incremental (changes and deletions since the cursor).
 *
 * <p>The cursor is the latest {@code SystemModstamp} the read saw (but not after the server's time before its query,
 * so that a record changed while the query ran is read again), as an ISO instant with milliseconds. An incremental
 * read first asks {@code deleted/} for the deletions since the cursor; when the cursor is older than
 * {@code earliestDateAvailable} (Salesforce keeps deletions about 15 days) deletions may have been lost, and it reads
 * in full instead. Then it reads {@code queryAll} for records with {@code SystemModstamp} after the cursor, without the
 * table's filter, so that a record edited out of the filter reaches the engine; rows with {@code IsDeleted} are
 * deletions. Deleted records are reported by the table's refresh key: records purged from the recycle bin only when
 * the key is {@code Id} (deleted/ names them by Id alone).
 *
 * <p>Not thread-safe; one per read.
 */
final class SalesforceRead {

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceRead.class);
    private static final DateTimeFormatter REPLICATION_DATE = DateTimeFormatter.ofPattern(
            "yyyy-MM-dd'T'HH:mm:ss'+00:00'").withZone(ZoneOffset.UTC);

    private final SalesforceApi api;
    private final SalesforceSettings settings;
    private final Clock clock;
    private final BulkQuery.Pause pause;

    SalesforceRead(SalesforceApi api, SalesforceSettings settings, Clock clock, BulkQuery.Pause pause) {
        this.api = api;
        this.settings = settings;
        this.clock = clock;
        this.pause = pause;
    }

    ReadResult read(ReadRequest request, RecordSink sink) {
        String object = Soql.name(request.object(), "object");
        if (request.mode() == ReadMode.INCREMENTAL) {
            Instant since = cursorTime(request.cursor());
            Optional<Set<String>> deletions = since == null ? Optional.empty() : deletionsSince(object, since);
            if (deletions.isPresent()) {
                return incremental(request, sink, since, deletions.get());
            }
            LOG.info("Reading {} in full: its cursor is older than the deletions Salesforce keeps", object);
        }
        return full(request, sink);
    }

    private ReadResult full(ReadRequest request, RecordSink sink) {
        SObjectDescribe describe = describe(api, request.object());
        Instant started = api.lastServerTime();
        List<String> missing = new ArrayList<>();
        for (SourceField f : request.fields()) {
            if (describe.field(f.name()).isEmpty()) {
                missing.add(f.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new ConnectorException(ConnectorException.Kind.NOT_FOUND, "Salesforce has no field "
                    + String.join(", ", missing.stream().map(m -> "'" + m + "'").toList()) + " on '"
                    + describe.name() + "' (any more), or the connecting user cannot see it: update the table's "
                    + "fields (the field may have been deleted or renamed), or ask your Salesforce admin for "
                    + "field-level access.");
        }
        boolean incremental = describe.incremental();
        Columns columns = new Columns(describe.name(), request.fields(), incremental, false, describe);
        FilterPushdown pushdown = FilterPushdown.of(request.filter(), describe, request.fields());
        String soql = Soql.select(columns.selected(), describe.name(), pushdown.where());
        Delivery delivery = new Delivery(columns, sink, pushdown.complete() ? null : localFilter(request));
        String what = "reading " + describe.name();
        if (bulk(describe, columns, pushdown.where())) {
            BulkQuery bulk = new BulkQuery(api, pause, clock);
            bulk.run(soql, columns, what, delivery);
            LOG.info("Read {} records of {} through Bulk API 2.0 in {} results pages", delivery.delivered,
                    describe.name(), bulk.pages());
        } else {
            QueryPages pages = new QueryPages(api, columns);
            pages.run(soql, false, what, delivery);
            LOG.info("Read {} records of {} in {} query pages", delivery.delivered, describe.name(), pages.pages());
        }
        Instant next = highWaterMark(delivery.latest, started);
        return ReadResult.full(incremental && next != null ? cursor(next) : null);
    }

    private ReadResult incremental(ReadRequest request, RecordSink sink, Instant since, Set<String> deletedIds) {
        String object = request.object();
        boolean keyIsId = request.refreshKey().equals(List.of("Id"));
        if (keyIsId) {
            deletedIds.forEach(id -> sink.deleted(id));
        }
        List<String> names = request.fieldNames();
        int[] key = request.refreshKey().stream().mapToInt(names::indexOf).toArray();
        Columns columns = new Columns(object, request.fields(), true, true, null);
        String soql = Soql.select(columns.selected(), object, "SystemModstamp > " + Soql.datetime(since));
        Delivery delivery = new Delivery(columns, sink, null) {
            @Override
            void deliver(Object[] raw, Row row) {
                if (!columns.deleted(raw)) {
                    super.deliver(raw, row);
                } else if (!(keyIsId && deletedIds.contains(columns.id(raw)))) {
                    Object[] values = new Object[key.length];
                    for (int i = 0; i < key.length; i++) {
                        values[i] = key[i] < 0 ? null : row.get(key[i]);
                    }
                    sink.deleted(values);
                    deletions++;
                }
            }
        };
        Instant started = api.lastServerTime();
        QueryPages pages = new QueryPages(api, columns);
        pages.run(soql, true, "reading the changes of " + object, delivery);
        LOG.info("Read {} changed and {} deleted records of {} since {}", delivery.delivered,
                delivery.deletions + (keyIsId ? deletedIds.size() : 0), object, since);
        Instant latest = highWaterMark(delivery.latest, started);
        return ReadResult.incremental(cursor(latest == null || latest.isBefore(since) ? since : latest));
    }

    /**
     * @return the Ids deleted since the cursor, or empty when Salesforce no longer knows all of them (the cursor is
     *         older than its deletion window)
     */
    private Optional<Set<String>> deletionsSince(String object, Instant since) {
        Instant now = clock.instant();
        Instant end = (now.isAfter(since.plus(Duration.ofMinutes(2))) ? now : since.plus(Duration.ofMinutes(2)))
                .plus(Duration.ofMinutes(1));
        HttpUrl url = api.resource("sobjects", object, "deleted", "").newBuilder()
                .addQueryParameter("start", REPLICATION_DATE.format(since))
                .addQueryParameter("end", REPLICATION_DATE.format(end)).build();
        Set<String> ids = new HashSet<>();
        Instant[] earliest = new Instant[1];
        try {
            api.getJson(url, "reading the deletions of " + object, in -> {
                in.beginObject();
                while (in.hasNext()) {
                    switch (in.nextName()) {
                        case "earliestDateAvailable" -> earliest[0] = SalesforceValues.dateTime(in.nextString());
                        case "deletedRecords" -> deletedIds(in, ids);
                        default -> in.skipValue();
                    }
                }
                in.endObject();
                return null;
            });
        } catch (SalesforceException e) {
            if (e.errorCode().equals("INVALID_REPLICATION_DATE")) {
                return Optional.empty();
            }
            throw e;
        }
        return earliest[0] != null && since.isBefore(earliest[0]) ? Optional.empty() : Optional.of(ids);
    }

    private static void deletedIds(JsonReader in, Set<String> ids) throws IOException {
        in.beginArray();
        while (in.hasNext()) {
            in.beginObject();
            while (in.hasNext()) {
                if (in.nextName().equals("id")) {
                    ids.add(in.nextString());
                } else {
                    in.skipValue();
                }
            }
            in.endObject();
        }
        in.endArray();
    }

    /** Whether a full read goes through Bulk API 2.0: it can take every column, and the object is large. */
    private boolean bulk(SObjectDescribe describe, Columns columns, String where) {
        for (String name : columns.selected()) {
            if (describe.field(name).map(f -> FieldTypes.NOT_IN_BULK.contains(f.type())).orElse(false)) {
                return false;
            }
        }
        String count = "SELECT COUNT() FROM " + describe.name() + (where.isEmpty() ? "" : " WHERE " + where);
        long total = api.getJson(api.query(count, false), "counting the records of " + describe.name(), in -> {
            long size = -1;
            in.beginObject();
            while (in.hasNext()) {
                if (in.nextName().equals("totalSize")) {
                    size = in.nextLong();
                } else {
                    in.skipValue();
                }
            }
            in.endObject();
            return size;
        });
        return total > settings.bulkThreshold();
    }

    static SObjectDescribe describe(SalesforceApi api, String object) {
        String name = Soql.name(object, "object");
        try {
            return api.getJson(api.resource("sobjects", name, "describe"), "describing " + name,
                    SObjectDescribe::read);
        } catch (SalesforceException e) {
            if (e.kind() == ConnectorException.Kind.NOT_FOUND) {
                throw new ConnectorException(ConnectorException.Kind.NOT_FOUND, "Salesforce has no object '" + name
                        + "' that the connecting user can see: it may have been deleted or renamed, or the user lacks "
                        + "access to it.");
            }
            throw e;
        }
    }

    /**
     * The next cursor: the latest SystemModstamp seen, but no later than the server's time before the query (its
     * Date header, to the second). A record changed while the query ran may have been read before the change; with
     * the cursor before the query it is read again next time. With nothing seen, the server's time.
     *
     * @return the cursor's instant; null when neither is known
     */
    private static Instant highWaterMark(Instant latestSeen, Instant serverTimeBefore) {
        if (latestSeen == null || serverTimeBefore == null) {
            return latestSeen == null ? serverTimeBefore : latestSeen;
        }
        return latestSeen.isAfter(serverTimeBefore) ? serverTimeBefore : latestSeen;
    }

    private static Filter.RowPredicate localFilter(ReadRequest request) {
        try {
            return request.filter().compile(request.fields());
        } catch (ConnectionsException e) {
            return null;
        }
    }

    private static Instant cursorTime(Cursor cursor) {
        try {
            return Instant.parse(cursor.value());
        } catch (DateTimeParseException e) {
            LOG.warn("Ignoring a cursor that is not a Salesforce cursor; reading in full");
            return null;
        }
    }

    private static Cursor cursor(Instant latest) {
        return Cursor.of(Soql.datetime(latest));
    }

    /** Converts, filters and delivers records, and keeps the latest SystemModstamp seen. */
    private static class Delivery implements QueryPages.RecordHandler {
        private final Columns columns;
        private final RecordSink sink;
        private final Filter.RowPredicate filter;
        Instant latest;
        long delivered;
        long deletions;

        Delivery(Columns columns, RecordSink sink, Filter.RowPredicate filter) {
            this.columns = columns;
            this.sink = sink;
            this.filter = filter;
        }

        @Override
        public void record(Object[] raw) {
            Instant modstamp = columns.modstamp(raw);
            if (modstamp != null && (latest == null || modstamp.isAfter(latest))) {
                latest = modstamp;
            }
            deliver(raw, columns.row(raw));
        }

        void deliver(Object[] raw, Row row) {
            if (filter == null || filter.test(row.values())) {
                sink.accept(row);
                delivered++;
            }
        }
    }
}

package dev.connections.fakes.salesforce;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * The REST resources under {@code /services/data/vNN.0}: sobjects, describe, query and its next pages, queryAll,
 * deleted and limits. Query cursors live until their last page is read. Thread-safe.
 */
final class RestApi {

    private final Org org;
    private final int defaultPageSize;
    private final Map<String, QueryCursor> cursors = new ConcurrentHashMap<>();
    private final AtomicLong cursorIds = new AtomicLong();

    /** A query in progress: what remains to be read and where the next page starts. */
    private static final class QueryCursor {
        final Org.Prepared query;
        final Iterator<Map<String, Object>> records;
        final int total;
        final int pageSize;
        int delivered;

        QueryCursor(Org.Prepared query, Iterator<Map<String, Object>> records, int total, int pageSize) {
            this.query = query;
            this.records = records;
            this.total = total;
            this.pageSize = pageSize;
        }
    }

    RestApi(Org org, int defaultPageSize) {
        this.org = org;
        this.defaultPageSize = defaultPageSize;
    }

    /**
     * @param version  the API version of the path, e.g. {@code 62.0}
     * @param resource the path after {@code /services/data/vNN.0}, e.g. {@code /query}
     * @param usage    the org's API usage as {@code DailyApiRequests} shows it: used and max
     * @return the reply, or null when no REST resource has that path
     */
    Reply handle(RecordedRequest request, String version, String resource, Consumer<String> soqlLog,
                 int[] usage) {
        HttpUrl url = request.getUrl();
        String method = request.getMethod();
        List<String> parts = List.of(resource.replaceAll("^/|/$", "").split("/"));
        if (!"GET".equals(method)) {
            return null;
        }
        if (resource.equals("/sobjects") || resource.equals("/sobjects/")) {
            return sobjects(version);
        }
        if (parts.size() == 3 && parts.get(0).equals("sobjects") && parts.get(2).equals("describe")) {
            return describe(version, parts.get(1));
        }
        if (parts.size() == 3 && parts.get(0).equals("sobjects") && parts.get(2).equals("deleted")) {
            return deleted(parts.get(1), url.queryParameter("start"), url.queryParameter("end"));
        }
        if (parts.size() == 1 && (parts.get(0).equals("query") || parts.get(0).equals("queryAll"))) {
            String soql = url.queryParameter("q");
            if (soql == null) {
                return Reply.error(400, "MALFORMED_QUERY", "A query string has to be specified");
            }
            soqlLog.accept(soql);
            return query(version, soql, parts.get(0).equals("queryAll"), pageSize(request));
        }
        if (parts.size() == 2 && (parts.get(0).equals("query") || parts.get(0).equals("queryAll"))) {
            return nextPage(version, parts.get(1));
        }
        if (resource.equals("/limits") || resource.equals("/limits/")) {
            return Reply.json(200, out -> out.beginObject().name("DailyApiRequests").beginObject()
                    .name("Max").value(usage[1]).name("Remaining").value(Math.max(0, usage[1] - usage[0]))
                    .endObject().endObject());
        }
        return null;
    }

    private Reply sobjects(String version) {
        return Reply.json(200, out -> {
            out.beginObject().name("encoding").value("UTF-8").name("maxBatchSize").value(200)
                    .name("sobjects").beginArray();
            for (SObjectTable table : org.tables()) {
                FakeObject o = table.definition();
                String base = "/services/data/v" + version + "/sobjects/" + o.name();
                out.beginObject().name("name").value(o.name()).name("label").value(o.label())
                        .name("custom").value(o.name().endsWith("__c")).name("queryable").value(o.queryable())
                        .name("replicateable").value(o.replicateable()).name("retrieveable").value(true)
                        .name("urls").beginObject().name("sobject").value(base)
                        .name("describe").value(base + "/describe").endObject()
                        .endObject();
            }
            out.endArray().endObject();
        });
    }

    private Reply describe(String version, String name) {
        return org.table(name).map(t -> Reply.json(200, out -> {
            FakeObject o = t.definition();
            out.beginObject().name("name").value(o.name()).name("label").value(o.label())
                    .name("queryable").value(o.queryable()).name("replicateable").value(o.replicateable())
                    .name("fields").beginArray();
            for (FakeField f : o.fields()) {
                boolean decimal = SfValues.DECIMAL_TYPES.contains(f.type());
                out.beginObject().name("name").value(f.name()).name("label").value(f.label())
                        .name("type").value(f.type()).name("nillable").value(f.nillable())
                        .name("length").value(SfValues.TEXT_TYPES.contains(f.type()) ? 255 : 0)
                        .name("precision").value(decimal ? 18 : 0).name("scale").value(decimal ? 2 : 0)
                        .name("calculated").value(false).name("custom").value(f.name().endsWith("__c"))
                        .name("filterable").value(f.filterable())
                        .name("idLookup").value(f.type().equals("id"))
                        .name("referenceTo").beginArray();
                for (String target : f.referenceTo()) {
                    out.value(target);
                }
                out.endArray().endObject();
            }
            out.endArray().name("urls").beginObject().name("describe")
                    .value("/services/data/v" + version + "/sobjects/" + o.name() + "/describe").endObject()
                    .endObject();
        })).orElseGet(RestApi::notFound);
    }

    private Reply deleted(String name, String startText, String endText) {
        if (org.table(name).isEmpty()) {
            return notFound();
        }
        Instant start;
        Instant end;
        try {
            start = OffsetDateTime.parse(startText).toInstant().truncatedTo(ChronoUnit.MINUTES);
            end = OffsetDateTime.parse(endText).toInstant().truncatedTo(ChronoUnit.MINUTES);
        } catch (DateTimeParseException | NullPointerException e) {
            return Reply.error(400, "INVALID_REPLICATION_DATE", "start and end must be dateTime values such as "
                    + "2024-03-01T10:15:00+00:00");
        }
        Instant now = org.now();
        if (start.isBefore(now.minus(Duration.ofDays(30)))) {
            return Reply.error(400, "INVALID_REPLICATION_DATE", "startDate cannot be more than 30 days ago");
        }
        if (!end.isAfter(start)) {
            return Reply.error(400, "INVALID_REPLICATION_DATE", "endDate must chronologically follow startDate");
        }
        Instant earliest = org.earliestDeletionAvailable();
        Instant latest = (end.isAfter(now) ? now : end).truncatedTo(ChronoUnit.MINUTES);
        List<SObjectTable.Deletion> found = org.existing(name).deletions(start, latest, earliest);
        return Reply.json(200, out -> {
            out.beginObject().name("deletedRecords").beginArray();
            for (SObjectTable.Deletion d : found) {
                out.beginObject().name("id").value(d.id()).name("deletedDate")
                        .value(SfValues.REST_DATETIME.format(d.deletedDate())).endObject();
            }
            out.endArray().name("earliestDateAvailable").value(SfValues.REST_DATETIME.format(earliest))
                    .name("latestDateCovered").value(SfValues.REST_DATETIME.format(latest)).endObject();
        });
    }

    private Reply query(String version, String soql, boolean all, int pageSize) {
        Org.Prepared p;
        try {
            p = org.prepare(soql, all);
        } catch (SoqlException e) {
            return Reply.error(400, e.errorCode(), e.getMessage());
        }
        int total = org.count(p);
        if (p.query().count()) {
            return Reply.json(200, out -> out.beginObject().name("totalSize").value(total).name("done").value(true)
                    .name("records").beginArray().endArray().endObject());
        }
        QueryCursor cursor = new QueryCursor(p, org.run(p), total, pageSize);
        String id = "01g" + String.format(Locale.ROOT, "%015d", cursorIds.incrementAndGet());
        return page(version, id, cursor);
    }

    private Reply nextPage(String version, String locator) {
        int dash = locator.lastIndexOf('-');
        String id = dash < 0 ? locator : locator.substring(0, dash);
        QueryCursor cursor = cursors.get(id);
        if (cursor == null || !locator.equals(id + "-" + cursor.delivered)) {
            return Reply.error(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
        }
        return page(version, id, cursor);
    }

    private Reply page(String version, String id, QueryCursor cursor) {
        synchronized (cursor) {
            List<Map<String, Object>> batch = new ArrayList<>(Math.min(cursor.pageSize, 4096));
            while (batch.size() < cursor.pageSize && cursor.records.hasNext()) {
                batch.add(cursor.records.next());
            }
            cursor.delivered += batch.size();
            boolean done = !cursor.records.hasNext();
            if (done) {
                cursors.remove(id);
            } else {
                cursors.put(id, cursor);
            }
            String next = "/services/data/v" + version + "/query/" + id + "-" + cursor.delivered;
            return Reply.json(200, out -> {
                out.beginObject().name("totalSize").value(cursor.total).name("done").value(done);
                if (!done) {
                    out.name("nextRecordsUrl").value(next);
                }
                out.name("records").beginArray();
                for (Map<String, Object> r : batch) {
                    writeRecord(out, cursor.query, r, version);
                }
                out.endArray().endObject();
            });
        }
    }

    private int pageSize(RecordedRequest request) {
        String options = request.getHeaders().get("Sforce-Query-Options");
        if (options != null && options.startsWith("batchSize=")) {
            try {
                return Math.max(200, Math.min(2000, Integer.parseInt(options.substring(10).trim())));
            } catch (NumberFormatException e) {
                return defaultPageSize;
            }
        }
        return defaultPageSize;
    }

    static Reply notFound() {
        return Reply.error(404, "NOT_FOUND", "The requested resource does not exist");
    }

    private static void writeRecord(JsonWriter out, Org.Prepared p, Map<String, Object> r, String version)
            throws IOException {
        out.beginObject().name("attributes").beginObject().name("type").value(p.table().name())
                .name("url").value("/services/data/v" + version + "/sobjects/" + p.table().name() + "/" + r.get("Id"))
                .endObject();
        for (FakeField f : p.fields()) {
            out.name(f.name());
            SfValues.writeJson(out, r.get(f.name()));
        }
        out.endObject();
    }
}

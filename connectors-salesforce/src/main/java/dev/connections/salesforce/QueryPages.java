package dev.connections.salesforce;

import com.squareup.moshi.JsonReader;
import dev.connections.http.BodyLimit;
import dev.connections.spi.ConnectorException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okio.BufferedSource;

/**
 * Reads a REST query page by page: the first page from {@code query} or {@code queryAll}, the next ones from each
 * page's {@code nextRecordsUrl}, every record handed on as it is parsed from the stream, never a page collected.
 * Not thread-safe; one per read.
 */
final class QueryPages {

    /** Takes one record's selected values, in {@link Columns#selected()} order. */
    @FunctionalInterface
    interface RecordHandler {
        void record(Object[] raw);
    }

    private final SalesforceApi api;
    private final Columns columns;
    private final List<String> names;
    private final JsonReader.Options options;
    private int pages;

    QueryPages(SalesforceApi api, Columns columns) {
        this.api = api;
        this.columns = columns;
        this.names = columns.selected();
        List<String> known = new ArrayList<>(names);
        known.add("attributes");
        this.options = JsonReader.Options.of(known.toArray(new String[0]));
    }

    /**
     * Runs a query to its last page.
     *
     * @param soql the query
     * @param all  whether to use queryAll (deleted records too)
     * @param what what is being done, for messages
     */
    void run(String soql, boolean all, String what, RecordHandler handler) {
        HttpUrl url = api.query(soql, all);
        while (url != null) {
            String next = api.getJson(url, what, in -> page(in, handler, what));
            pages++;
            url = next == null ? null : api.onInstance(next);
        }
    }

    /** @return how many pages were read */
    int pages() {
        return pages;
    }

    private String page(JsonReader in, RecordHandler handler, String what) throws IOException {
        Boolean done = null;
        String next = null;
        in.beginObject();
        while (in.hasNext()) {
            switch (in.nextName()) {
                case "done" -> done = in.nextBoolean();
                case "nextRecordsUrl" -> next = in.peek() == JsonReader.Token.NULL ? in.nextNull()
                        : in.nextString();
                case "records" -> {
                    in.beginArray();
                    while (in.hasNext()) {
                        handler.record(record(in, what));
                    }
                    in.endArray();
                }
                default -> in.skipValue();
            }
        }
        in.endObject();
        if (done == null || !done && next == null) {
            throw new ConnectorException(ConnectorException.Kind.UNAVAILABLE, "A query page of Salesforce did not "
                    + "say where the next one is while " + what + "; refresh again later.");
        }
        return done ? null : next;
    }

    private Object[] record(JsonReader in, String what) throws IOException {
        Object[] raw = new Object[names.size()];
        in.beginObject();
        while (in.hasNext()) {
            int i = in.selectName(options);
            if (i == names.size()) {
                in.skipValue();
                continue;
            }
            if (i < 0) {
                i = columns.indexOf(in.nextName());
                if (i < 0) {
                    in.skipValue();
                    continue;
                }
            }
            raw[i] = value(in, what);
        }
        in.endObject();
        return raw;
    }

    private Object value(JsonReader in, String what) throws IOException {
        switch (in.peek()) {
            case NULL:
                return in.nextNull();
            case BOOLEAN:
                return in.nextBoolean();
            case STRING:
            case NUMBER:
                return in.nextString();
            default:
                String path = in.getPath();
                int max = api.limits().maxValueChars();
                try (BufferedSource json = in.nextSource()) {
                    if (json.request(max + 1L)) {
                        throw SalesforceErrors.tooLarge(what + ", the compound value at " + path, "a value",
                                BodyLimit.describe(max),
                                "SalesforceLimits.DEFAULT.withMaxValueChars", null);
                    }
                    return new SalesforceValues.RawJson(json.readUtf8());
                }
        }
    }
}

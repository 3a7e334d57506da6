package dev.connections.salesforce;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.connections.spi.ConnectorException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import okhttp3.HttpUrl;
import okio.Buffer;

/**
 * A Bulk API 2.0 query: creates the job, waits for it (polling with growing pauses), then streams its CSV results
 * page by page ({@code maxRecords}, {@code locator} until {@code Sforce-Locator: null}), each page checked against
 * its {@code Sforce-NumberOfRecords}. Not thread-safe; one per read.
 */
final class BulkQuery {

    /** Records per results page. */
    static final int PAGE_SIZE = 50_000;
    /** How long a job may take before the read gives up. */
    static final Duration JOB_TIMEOUT = Duration.ofHours(2);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(15);

    /** Waits between status polls; the default sleeps. */
    @FunctionalInterface
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final SalesforceApi api;
    private final Pause pause;
    private final Clock clock;
    private int pages;

    BulkQuery(SalesforceApi api, Pause pause, Clock clock) {
        this.api = api;
        this.pause = pause;
        this.clock = clock;
    }

    /**
     * @param soql a query Bulk accepts: no compound fields, ORDER BY, LIMIT or aggregates
     * @return how many records were read
     */
    long run(String soql, Columns columns, String what, QueryPages.RecordHandler handler) {
        String job = api.postJson(api.resource("jobs", "query"), createJob(soql), what, BulkQuery::jobId);
        awaitCompletion(job, what);
        long total = 0;
        String locator = null;
        do {
            HttpUrl.Builder url = api.resource("jobs", "query", job, "results").newBuilder()
                    .addQueryParameter("maxRecords", Integer.toString(PAGE_SIZE));
            if (locator != null) {
                url.addQueryParameter("locator", locator);
            }
            long[] read = new long[1];
            locator = api.get(url.build(), what, (response, body) -> {
                read[0] = new CsvRecords(body, api.limits(), what + ", Bulk results page " + (pages + 1))
                        .read(columns, handler);
                String expected = response.header("Sforce-NumberOfRecords");
                if (expected != null && !expected.trim().equals(Long.toString(read[0]))) {
                    throw new IOException("a Bulk results page had " + read[0] + " of its " + expected.trim()
                            + " records: it was cut off");
                }
                String next = response.header("Sforce-Locator");
                return next == null || next.isBlank() || next.equals("null") ? null : next;
            });
            total += read[0];
            pages++;
        } while (locator != null);
        return total;
    }

    /** @return how many results pages were read */
    int pages() {
        return pages;
    }

    private void awaitCompletion(String job, String what) {
        Instant deadline = clock.instant().plus(JOB_TIMEOUT);
        Duration wait = Duration.ofMillis(500);
        while (true) {
            String[] state = api.getJson(api.resource("jobs", "query", job), what, BulkQuery::state);
            switch (state[0]) {
                case "JobComplete":
                    return;
                case "Failed":
                case "Aborted":
                    throw SalesforceErrors.bulkJobFailed(state[0], state[1], what);
                default:
                    break;
            }
            if (clock.instant().isAfter(deadline)) {
                throw new ConnectorException(ConnectorException.Kind.UNAVAILABLE, "Salesforce did not finish the "
                        + "Bulk API query job " + job + " within " + JOB_TIMEOUT.toHours() + " hours while " + what
                        + "; refresh again later.");
            }
            try {
                pause.pause(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectorException(ConnectorException.Kind.UNAVAILABLE, "The refresh was interrupted while "
                        + "waiting for a Salesforce Bulk API job.", e);
            }
            wait = wait.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : wait.multipliedBy(2);
        }
    }

    private static String createJob(String soql) {
        Buffer json = new Buffer();
        try (JsonWriter out = JsonWriter.of(json)) {
            out.beginObject().name("operation").value("query").name("query").value(soql).endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return json.readUtf8();
    }

    private static String jobId(JsonReader in) throws IOException {
        return state(in)[2];
    }

    /** @return the job's state, errorMessage and id */
    private static String[] state(JsonReader in) throws IOException {
        String[] result = {"", null, null};
        in.beginObject();
        while (in.hasNext()) {
            String name = in.nextName();
            if (in.peek() != JsonReader.Token.STRING) {
                in.skipValue();
                continue;
            }
            switch (name) {
                case "state" -> result[0] = in.nextString();
                case "errorMessage" -> result[1] = in.nextString();
                case "id" -> result[2] = in.nextString();
                default -> in.skipValue();
            }
        }
        in.endObject();
        if (result[2] == null || result[2].isBlank()) {
            throw new IOException("the Bulk job has no id");
        }
        return result;
    }
}

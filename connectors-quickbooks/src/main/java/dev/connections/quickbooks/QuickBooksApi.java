package dev.connections.quickbooks;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import dev.connections.http.BodyLimit;
import dev.connections.http.ServiceHttp;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorException.Kind;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls the connector makes on one company: company info, a query page, change data capture. Each call holds a
 * permit of the company's limit (10 in flight) and goes through the engine's {@link ServiceHttp} (bearer token,
 * refresh on 401, retries with backoff, the connection's budget, API-call count). Answers are read as a stream.
 * Used by one session, on one thread.
 */
final class QuickBooksApi {

    private static final Logger LOG = LoggerFactory.getLogger(QuickBooksApi.class);

    /** A CDC answer this large may have been cut off. */
    static final int CDC_LIMIT = 1000;

    /**
     * What a query page held.
     *
     * @param records how many records it delivered
     * @param time    the service's {@code time} of the answer; null when it gave none
     */
    record Page(int records, Instant time) {
    }

    private final ServiceHttp http;
    private final QuickBooksSettings settings;
    private final String realm;
    private final Semaphore companyPermits;
    private final Clock clock;
    private final long maxAnswerBytes;

    /** @param maxAnswerBytes the most bytes of one answer that are read, after gzip decoding */
    QuickBooksApi(ServiceHttp http, QuickBooksSettings settings, Semaphore companyPermits, Clock clock,
                  long maxAnswerBytes) {
        this.http = http;
        this.settings = settings;
        this.realm = settings.requireRealm();
        this.companyPermits = companyPermits;
        this.clock = clock;
        this.maxAnswerBytes = maxAnswerBytes;
    }

    String realm() {
        return realm;
    }

    /** @return the company's name */
    String companyName() {
        HttpUrl url = url("companyinfo", realm).build();
        return call(url, "reading the company info", reader -> {
            String name = null;
            reader.beginObject();
            while (reader.hasNext()) {
                if (reader.nextName().equals("CompanyInfo") && JsonValues.read(reader) instanceof Map<?, ?> info) {
                    Object n = info.get("CompanyName");
                    name = n == null ? null : n.toString();
                } else {
                    reader.skipValue();
                }
            }
            reader.endObject();
            return name == null ? realm : name;
        });
    }

    /**
     * Runs one query and hands each record of the answer to {@code each} as it is read.
     *
     * @param entity the entity the query selects from (the key of the records in the answer)
     */
    Page query(String entity, String query, Consumer<Map<String, Object>> each) {
        HttpUrl url = url("query").addQueryParameter("query", query).build();
        return call(url, "reading " + entity, reader -> {
            int count = 0;
            Instant time = null;
            reader.beginObject();
            while (reader.hasNext()) {
                String name = reader.nextName();
                if (name.equals("QueryResponse")) {
                    reader.beginObject();
                    while (reader.hasNext()) {
                        if (reader.nextName().equals(entity)) {
                            reader.beginArray();
                            while (reader.hasNext()) {
                                each.accept(record(reader));
                                count++;
                            }
                            reader.endArray();
                        } else {
                            reader.skipValue();
                        }
                    }
                    reader.endObject();
                } else if (name.equals("time")) {
                    time = time(reader.nextString());
                } else {
                    reader.skipValue();
                }
            }
            reader.endObject();
            return new Page(count, time);
        });
    }

    /**
     * Asks change data capture for what changed in some entities since an instant. Deleted records come as
     * {@code {"Id", "status": "Deleted", "MetaData"}}.
     */
    ChangeSet changes(Collection<String> entities, Instant since) {
        Instant asked = clock.instant();
        HttpUrl url = url("cdc").addQueryParameter("entities", String.join(",", entities))
                .addQueryParameter("changedSince", Cursors.literal(since)).build();
        return call(url, "reading changes of " + String.join(", ", entities), reader -> {
            Map<String, List<Map<String, Object>>> records = new LinkedHashMap<>();
            entities.forEach(e -> records.put(e, new ArrayList<>()));
            int total = 0;
            Instant time = null;
            reader.beginObject();
            while (reader.hasNext()) {
                String name = reader.nextName();
                if (name.equals("CDCResponse")) {
                    total += changeResponse(reader, records);
                } else if (name.equals("time")) {
                    time = time(reader.nextString());
                } else {
                    reader.skipValue();
                }
            }
            reader.endObject();
            return new ChangeSet(List.copyOf(entities), since, Cursors.next(time == null ? asked : time),
                    total >= CDC_LIMIT, records);
        });
    }

    /** {@code [{"QueryResponse": [{"Customer": [...], ...}, {...}]}]}; returns the number of objects read */
    private static int changeResponse(JsonReader reader, Map<String, List<Map<String, Object>>> records)
            throws IOException {
        int total = 0;
        reader.beginArray();
        while (reader.hasNext()) {
            reader.beginObject();
            while (reader.hasNext()) {
                if (!reader.nextName().equals("QueryResponse")) {
                    reader.skipValue();
                    continue;
                }
                reader.beginArray();
                while (reader.hasNext()) {
                    reader.beginObject();
                    while (reader.hasNext()) {
                        List<Map<String, Object>> list = records.get(reader.nextName());
                        if (list == null || reader.peek() != JsonReader.Token.BEGIN_ARRAY) {
                            reader.skipValue();
                            continue;
                        }
                        reader.beginArray();
                        while (reader.hasNext()) {
                            list.add(record(reader));
                            total++;
                        }
                        reader.endArray();
                    }
                    reader.endObject();
                }
                reader.endArray();
            }
            reader.endObject();
        }
        reader.endArray();
        return total;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> record(JsonReader reader) throws IOException {
        Object value = JsonValues.read(reader);
        if (!(value instanceof Map<?, ?>)) {
            throw new IOException("a record that is not a JSON object at " + reader.getPath());
        }
        return (Map<String, Object>) value;
    }

    /** @return {@code {apiBase}/v3/company/{realm}/{resource...}}, each segment encoded, with the minor version */
    private HttpUrl.Builder url(String... resource) {
        HttpUrl.Builder url = HttpUrl.get(settings.apiBase()).newBuilder().addPathSegment("v3")
                .addPathSegment("company").addPathSegment(realm);
        for (String segment : resource) {
            url.addPathSegment(segment);
        }
        return url.addQueryParameter("minorversion", settings.minorVersion());
    }

    private interface Answer<T> {
        T read(JsonReader reader) throws IOException;
    }

    private <T> T call(HttpUrl url, String what, Answer<T> answer) {
        Request request = new Request.Builder().url(url).header("Accept", "application/json").get().build();
        try {
            companyPermits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(Kind.UNAVAILABLE, "Interrupted while waiting to call QuickBooks.", e);
        }
        try (Response response = http.send(request)) {
            if (!response.isSuccessful()) {
                throw Faults.from(response, what);
            }
            try (JsonReader reader = JsonReader.of(BodyLimit.of(response.body().source(), maxAnswerBytes))) {
                return answer.read(reader);
            } catch (BodyLimit.ExceededException e) {
                String tid = response.header(QuickBooksConnector.INTUIT_TID, "none");
                LOG.warn("The answer of QuickBooks while {} is larger than {}; not read (intuit_tid {})", what,
                        BodyLimit.describe(e.limit()), tid);
                throw new ConnectorException(Kind.INVALID_DATA, "The answer of QuickBooks while " + what + " is "
                        + "larger than the limit of " + BodyLimit.describe(e.limit()) + "; it was not read, so that a "
                        + "refresh's memory stays bounded. If the company's records really are this large, the host "
                        + "can raise the limit: QuickBooksConnector.withMaxAnswerBytes(...). (QuickBooks intuit_tid "
                        + tid + ")", what, null, e);
            } catch (IOException | JsonDataException e) {
                String tid = response.header(QuickBooksConnector.INTUIT_TID, "none");
                LOG.warn("The answer of QuickBooks could not be read while {}: {} (intuit_tid {})", what, e.toString(),
                        tid);
                throw new ConnectorException(Kind.UNAVAILABLE, "The answer of QuickBooks broke off or could not be "
                        + "read while " + what + " (" + e.getMessage() + "); try again later. (QuickBooks intuit_tid "
                        + tid + ")", e);
            }
        } finally {
            companyPermits.release();
        }
    }

    private static Instant time(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

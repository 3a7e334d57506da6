package dev.connections.benchmarks.salesforce;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * The baselines: the same HTTP requests the connector makes, with a plain OkHttp client and no SDK. Each pass counts
 * the records it saw so that nothing is optimized away.
 *
 * <ul>
 *   <li>{@link #restFetchOnly}: every query page, its body read and dropped (only the next page's link is looked
 *       up): what the fake and the network cost.</li>
 *   <li>{@link #restMoshi}: every query page parsed with moshi's streaming reader, every value of every record read
 *       as a string or boolean: the least work a JSON client can do.</li>
 *   <li>{@link #bulkFetchOnly} and {@link #bulkLines}: a Bulk API 2.0 job's CSV result pages, dropped, or read line
 *       by line and split at commas.</li>
 * </ul>
 */
final class PlainClient {

    private static final Pattern NEXT = Pattern.compile("\"nextRecordsUrl\":\"([^\"]+)\"");
    private static final int BULK_PAGE = 50_000;

    private final OkHttpClient http;
    private final String base;
    private final String token;

    PlainClient(OkHttpClient http, String instanceUrl, String token) {
        this.http = http;
        this.base = instanceUrl;
        this.token = token;
    }

    long restFetchOnly(String soql) {
        long bytes = 0;
        String next = null;
        HttpUrl url = queryUrl(soql);
        while (url != null) {
            try (Response r = get(url)) {
                BufferedSource body = r.body().source();
                body.request(512);
                String head = body.getBuffer().snapshot(Math.min(512, (int) body.getBuffer().size())).utf8();
                Matcher m = NEXT.matcher(head);
                next = m.find() ? m.group(1) : null;
                while (!body.exhausted()) {
                    bytes += body.getBuffer().size();
                    body.getBuffer().clear();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            url = next == null ? null : HttpUrl.get(base + next);
        }
        return bytes;
    }

    long restMoshi(String soql) {
        long records = 0;
        HttpUrl url = queryUrl(soql);
        while (url != null) {
            String next = null;
            try (Response r = get(url); JsonReader in = JsonReader.of(r.body().source())) {
                in.beginObject();
                while (in.hasNext()) {
                    switch (in.nextName()) {
                        case "nextRecordsUrl" -> next = in.nextString();
                        case "records" -> {
                            in.beginArray();
                            while (in.hasNext()) {
                                readRecord(in);
                                records++;
                            }
                            in.endArray();
                        }
                        default -> in.skipValue();
                    }
                }
                in.endObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            url = next == null ? null : HttpUrl.get(base + next);
        }
        return records;
    }

    long bulkFetchOnly(String soql) {
        String job = bulkJob(soql);
        long bytes = 0;
        String locator = null;
        do {
            try (Response r = get(resultsUrl(job, locator))) {
                BufferedSource body = r.body().source();
                while (!body.exhausted()) {
                    bytes += body.getBuffer().size();
                    body.getBuffer().clear();
                }
                locator = r.header("Sforce-Locator");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } while (locator != null && !locator.equals("null"));
        return bytes;
    }

    long bulkLines(String soql) {
        String job = bulkJob(soql);
        long fields = 0;
        String locator = null;
        do {
            try (Response r = get(resultsUrl(job, locator))) {
                BufferedSource body = r.body().source();
                body.readUtf8LineStrict();
                String line;
                while ((line = body.readUtf8Line()) != null) {
                    fields += line.split(",", -1).length;
                }
                locator = r.header("Sforce-Locator");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } while (locator != null && !locator.equals("null"));
        return fields;
    }

    private static void readRecord(JsonReader in) throws IOException {
        in.beginObject();
        while (in.hasNext()) {
            in.nextName();
            switch (in.peek()) {
                case STRING, NUMBER -> in.nextString();
                case BOOLEAN -> in.nextBoolean();
                case NULL -> in.nextNull();
                default -> in.skipValue();
            }
        }
        in.endObject();
    }

    private String bulkJob(String soql) {
        String json = "{\"operation\":\"query\",\"query\":\"" + soql + "\"}";
        Request create = new Request.Builder().url(base + "/services/data/v62.0/jobs/query")
                .header("Authorization", "Bearer " + token)
                .post(RequestBody.create(json, MediaType.get("application/json"))).build();
        String id = field(create, "id");
        Request status = new Request.Builder().url(base + "/services/data/v62.0/jobs/query/" + id)
                .header("Authorization", "Bearer " + token).build();
        if (!"JobComplete".equals(field(status, "state"))) {
            throw new IllegalStateException("the fake's Bulk job did not complete at once");
        }
        return id;
    }

    private String field(Request request, String name) {
        try (Response r = http.newCall(request).execute(); JsonReader in = JsonReader.of(r.body().source())) {
            in.beginObject();
            String value = null;
            while (in.hasNext()) {
                if (in.nextName().equals(name)) {
                    value = in.nextString();
                } else {
                    in.skipValue();
                }
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpUrl resultsUrl(String job, String locator) {
        HttpUrl.Builder url = HttpUrl.get(base + "/services/data/v62.0/jobs/query/" + job + "/results").newBuilder()
                .addQueryParameter("maxRecords", Integer.toString(BULK_PAGE));
        if (locator != null) {
            url.addQueryParameter("locator", locator);
        }
        return url.build();
    }

    private HttpUrl queryUrl(String soql) {
        return HttpUrl.get(base + "/services/data/v62.0/query").newBuilder().addQueryParameter("q", soql).build();
    }

    private Response get(HttpUrl url) throws IOException {
        Response r = http.newCall(new Request.Builder().url(url).header("Authorization", "Bearer " + token).build())
                .execute();
        if (!r.isSuccessful()) {
            r.close();
            throw new IOException("HTTP " + r.code() + " from " + url);
        }
        return r;
    }
}

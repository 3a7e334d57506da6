package dev.connections.salesforce;

import com.squareup.moshi.JsonReader;
import dev.connections.http.BodyLimit;
import dev.connections.http.ServiceHttp;
import dev.connections.spi.ConnectorException;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;

/**
 * The REST and Bulk resources of one org, over the engine's {@link ServiceHttp} (bearer token, one refresh on 401,
 * retries of 429 and 503, the connection's concurrency budget, API-call counting). Every failure comes out as a
 * {@link ConnectorException}. Thread-safe.
 */
final class SalesforceApi {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final ServiceHttp http;
    private final SalesforceLimits limits;
    private final HttpUrl instance;
    private final HttpUrl base;
    private volatile Instant lastServerTime;

    /** Reads a JSON body. */
    @FunctionalInterface
    interface JsonBody<T> {
        T read(JsonReader in) throws IOException;
    }

    /** Reads a body as it streams. */
    @FunctionalInterface
    interface StreamedBody<T> {
        T read(Response response, BufferedSource body) throws IOException;
    }

    SalesforceApi(ServiceHttp http, String instanceUrl, String apiVersion, SalesforceLimits limits) {
        this.http = http;
        this.limits = limits;
        HttpUrl parsed = HttpUrl.parse(instanceUrl);
        if (parsed == null) {
            throw new ConnectorException(ConnectorException.Kind.CONFIGURATION, "The connection's Salesforce "
                    + "instance URL is not a URL: reauthorize the connection.");
        }
        this.instance = parsed;
        this.base = parsed.newBuilder().addPathSegments("services/data/v" + apiVersion).build();
    }

    /** @return {@code {instance}/services/data/vNN.0/} followed by the segments */
    HttpUrl resource(String... segments) {
        HttpUrl.Builder b = base.newBuilder();
        for (String s : segments) {
            b.addPathSegment(s);
        }
        return b.build();
    }

    /** @return the URL of a SOQL query, with queryAll when deleted records must come too */
    HttpUrl query(String soql, boolean all) {
        return resource(all ? "queryAll" : "query").newBuilder().addQueryParameter("q", soql).build();
    }

    /** @return the absolute URL of a {@code nextRecordsUrl} path on the instance */
    HttpUrl onInstance(String path) {
        HttpUrl url = instance.resolve(path);
        if (url == null || !url.host().equals(instance.host()) || url.port() != instance.port()) {
            throw new ConnectorException(ConnectorException.Kind.UNAVAILABLE, "Salesforce sent a next-page link "
                    + "that is not on the org's instance; refresh again later.");
        }
        return url;
    }

    /** @return how much of an answer a read may hold */
    SalesforceLimits limits() {
        return limits;
    }

    /** GETs a JSON resource and reads it as it streams, at most {@link SalesforceLimits#maxJsonAnswerBytes()}. */
    <T> T getJson(HttpUrl url, String what, JsonBody<T> reader) {
        return stream(send(getRequest(url), what), what, json(reader));
    }

    <T> T postJson(HttpUrl url, String json, String what, JsonBody<T> reader) {
        Request request = new Request.Builder().url(url).post(RequestBody.create(json, JSON)).build();
        return stream(send(request, what), what, json(reader));
    }

    private <T> StreamedBody<T> json(JsonBody<T> reader) {
        return (response, body) -> {
            try (JsonReader in = JsonReader.of(BodyLimit.of(body, limits.maxJsonAnswerBytes()))) {
                return reader.read(in);
            }
        };
    }

    /**
     * GETs a resource and reads its body as it streams, with no bound on the whole body: the reader bounds what it
     * holds (Bulk CSV results are read record by record). The response is closed after.
     */
    <T> T get(HttpUrl url, String what, StreamedBody<T> reader) {
        return stream(send(getRequest(url), what), what, reader);
    }

    private static Request getRequest(HttpUrl url) {
        return new Request.Builder().url(url).get().build();
    }

    private Response send(Request request, String what) {
        Response response = http.send(request);
        Date date = response.headers().getDate("Date");
        if (date != null) {
            lastServerTime = date.toInstant();
        }
        if (response.isSuccessful()) {
            return response;
        }
        try (response) {
            Buffer body = new Buffer();
            try {
                BufferedSource source = response.body().source();
                source.request(SalesforceErrors.maxBody());
                body.write(source.getBuffer(), Math.min(source.getBuffer().size(), SalesforceErrors.maxBody()));
            } catch (IOException unreadable) {
                body.clear();
            }
            throw SalesforceErrors.of(response.code(), body, response.header("Retry-After"), what);
        }
    }

    private <T> T stream(Response response, String what, StreamedBody<T> reader) {
        try (response) {
            return reader.read(response, response.body().source());
        } catch (BodyLimit.ExceededException e) {
            throw SalesforceErrors.tooLarge(what, "an answer", BodyLimit.describe(e.limit()),
                    "SalesforceLimits.DEFAULT.withMaxJsonAnswerBytes", e);
        } catch (IOException | com.squareup.moshi.JsonDataException e) {
            throw SalesforceErrors.brokenResponse(what, e);
        }
    }

    /** @return the server's time (to the second) by the Date header of the latest response; null before any */
    Instant lastServerTime() {
        return lastServerTime;
    }
}

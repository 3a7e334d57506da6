package dev.connections.fakes.salesforce;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;

/** A plain HTTP client of the fake for its own tests: answers as status, headers and parsed JSON or text. */
final class Client implements AutoCloseable {

    private final OkHttpClient http = new OkHttpClient.Builder().followRedirects(false).build();
    private final FakeSalesforce fake;
    private String token;

    /** An answer of the fake. */
    record Answer(int code, Headers headers, String body) {
        Object json() {
            try {
                return JsonReader.of(new Buffer().writeUtf8(body)).readJsonValue();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> object() {
            return (Map<String, Object>) json();
        }
    }

    Client(FakeSalesforce fake) {
        this.fake = fake;
    }

    Client withToken() {
        return withToken(fake.issueTokens().accessToken());
    }

    Client withToken(String accessToken) {
        this.token = accessToken;
        return this;
    }

    Answer get(String pathAndQuery) {
        return send(new Request.Builder().url(fake.url() + pathAndQuery));
    }

    Answer api(String resource) {
        return get("/services/data/v62.0" + resource);
    }

    Answer query(String resource, String soql) {
        return send(new Request.Builder().url(HttpUrl.get(fake.url() + "/services/data/v62.0" + resource).newBuilder()
                .addQueryParameter("q", soql).build()));
    }

    Answer postJson(String resource, String json) {
        return send(new Request.Builder().url(fake.url() + "/services/data/v62.0" + resource)
                .post(RequestBody.create(json, MediaType.get("application/json"))));
    }

    Answer postForm(String path, Map<String, String> form) {
        FormBody.Builder body = new FormBody.Builder();
        form.forEach(body::add);
        return send(new Request.Builder().url(fake.url() + path).post(body.build()));
    }

    private Answer send(Request.Builder request) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try (Response r = http.newCall(request.build()).execute()) {
            return new Answer(r.code(), r.headers(), r.body().string());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}

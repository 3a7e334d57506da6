package dev.connections.fakes.salesforce;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import okio.Buffer;
import okio.BufferedSink;
import okio.GzipSink;
import okio.Okio;

/**
 * A response of the fake before faults are applied to it: status, headers and the whole body.
 *
 * @param code    the HTTP status
 * @param headers headers in order
 * @param body    the body; empty for none
 */
record Reply(int code, Map<String, String> headers, Buffer body) {

    /** Writes JSON into a buffer. */
    @FunctionalInterface
    interface JsonBody {
        void write(JsonWriter out) throws IOException;
    }

    static Reply json(int code, JsonBody body) {
        Buffer buffer = new Buffer();
        try (JsonWriter out = JsonWriter.of(buffer)) {
            out.setSerializeNulls(true);
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Reply(code, headers("Content-Type", "application/json;charset=UTF-8"), buffer);
    }

    /** The REST API's error body: {@code [{"message": ..., "errorCode": ...}]}. */
    static Reply error(int code, String errorCode, String message) {
        return json(code, out -> out.beginArray().beginObject().name("message").value(message)
                .name("errorCode").value(errorCode).endObject().endArray());
    }

    /** The OAuth endpoints' error body: {@code {"error": ..., "error_description": ...}}. */
    static Reply oauthError(int code, String error, String description) {
        return json(code, out -> out.beginObject().name("error").value(error).name("error_description")
                .value(description).endObject());
    }

    static Reply text(int code, String contentType, String text) {
        return new Reply(code, headers("Content-Type", contentType), new Buffer().writeUtf8(text));
    }

    static Reply redirect(String location) {
        return new Reply(302, headers("Location", location), new Buffer());
    }

    static Reply empty(int code) {
        return new Reply(code, new LinkedHashMap<>(), new Buffer());
    }

    Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /**
     * @param keepBytes  when not negative, only that many bytes of the body are sent (with a matching length)
     * @param slowBytes  when positive, the body is sent in chunks of this many bytes, {@code slowPeriod} apart
     * @param gzip       whether the body is sent gzip-compressed, with {@code Content-Encoding: gzip}
     */
    MockResponse toMockResponse(long keepBytes, long slowBytes, Duration slowPeriod, boolean gzip) {
        MockResponse.Builder b = new MockResponse.Builder().code(code);
        headers.forEach(b::setHeader);
        Buffer sent = body;
        if (keepBytes >= 0 && keepBytes < body.size()) {
            sent = new Buffer();
            body.copyTo(sent, 0, keepBytes);
        }
        if (gzip && sent.size() > 0) {
            Buffer compressed = new Buffer();
            try (BufferedSink out = Okio.buffer(new GzipSink(compressed))) {
                out.writeAll(sent.copy());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sent = compressed;
            b.setHeader("Content-Encoding", "gzip");
        }
        b.body(sent);
        if (slowBytes > 0) {
            b.throttleBody(slowBytes, slowPeriod.toMillis(), TimeUnit.MILLISECONDS);
        }
        return b.build();
    }

    private static Map<String, String> headers(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(name, value);
        return h;
    }
}

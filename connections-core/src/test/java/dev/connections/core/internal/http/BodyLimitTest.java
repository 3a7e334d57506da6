package dev.connections.core.internal.http;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connections.http.BodyLimit;
import java.io.IOException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.GzipSink;
import okio.Okio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Guarantee 12: a service's answer cannot take more memory than its reader allows, however it is compressed. */
class BodyLimitTest {

    private static final long MIB = 1 << 20;

    @StartStop
    final MockWebServer server = new MockWebServer();

    private final OkHttpClient client = new OkHttpClient();

    @AfterEach
    void tearDown() {
        client.dispatcher().executorService().shutdown();
    }

    /** @return {@code bytes} zeros, gzip-compressed: about a thousandth of their size on the wire */
    private static Buffer gzippedZeros(long bytes) throws IOException {
        Buffer compressed = new Buffer();
        try (BufferedSink gzip = Okio.buffer(new GzipSink(compressed))) {
            byte[] zeros = new byte[64 * 1024];
            for (long written = 0; written < bytes; written += zeros.length) {
                gzip.write(zeros);
            }
        }
        return compressed;
    }

    @Test
    void aGzipBombIsCountedAfterDecompressionAndStoppedAtTheLimit() throws IOException {
        Buffer bomb = gzippedZeros(64 * MIB);
        assertThat(bomb.size()).isLessThan(MIB);
        server.enqueue(new MockResponse.Builder().setHeader("Content-Encoding", "gzip").body(bomb).build());

        try (Response r = client.newCall(new Request.Builder().url(server.url("/page")).build()).execute();
             BufferedSource body = BodyLimit.of(r.body().source(), 8 * MIB)) {
            assertThatThrownBy(() -> body.skip(64 * MIB)).isInstanceOf(BodyLimit.ExceededException.class)
                    .hasMessage("the answer is larger than 8 MiB");
        }
    }

    @Test
    void aBodyWithinTheLimitIsReadWhole() throws IOException {
        server.enqueue(new MockResponse.Builder().body("{\"ok\":true}").build());

        try (Response r = client.newCall(new Request.Builder().url(server.url("/small")).build()).execute()) {
            assertThat(BodyLimit.text(r.body(), 11)).isEqualTo("{\"ok\":true}");
        }
    }

    @Test
    void sizesAreShownInTheUnitsTheyWereChosenIn() {
        assertThat(BodyLimit.describe(64 * MIB)).isEqualTo("64 MiB");
        assertThat(BodyLimit.describe(64 * 1024)).isEqualTo("64 KiB");
        assertThat(BodyLimit.describe(1000)).isEqualTo("1,000 bytes");
    }
}

package dev.connections.http;

import java.io.IOException;
import java.util.Locale;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * Bounds how much of a response body a reader takes in. Bytes are counted as they are read from the body, after the
 * client has undone a gzip encoding, so a small compressed answer cannot unfold into more than the limit. Connectors
 * read the bodies of their services through it (a service is not trusted to be small); the engine reads token
 * answers through it. Stateless and thread-safe; each bounded source is read by one thread.
 */
public final class BodyLimit {

    private BodyLimit() {
    }

    /** A body went past its limit; nothing more of it was read. */
    public static final class ExceededException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long limit;

        ExceededException(long limit) {
            super("the answer is larger than " + describe(limit));
            this.limit = limit;
        }

        /** @return the limit in bytes */
        public long limit() {
            return limit;
        }
    }

    /**
     * @param source   a response body's source; closing the returned source closes it
     * @param maxBytes the most bytes that may be read; positive
     * @return the source, failing with {@link ExceededException} on the read that would pass {@code maxBytes}
     */
    public static BufferedSource of(BufferedSource source, long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("a body limit must be positive, not " + maxBytes);
        }
        return Okio.buffer(new ForwardingSource(source) {
            private long read;

            @Override
            public long read(Buffer sink, long byteCount) throws IOException {
                long n = super.read(sink, Math.min(byteCount, maxBytes - read + 1));
                if (n > 0) {
                    read += n;
                    if (read > maxBytes) {
                        throw new ExceededException(maxBytes);
                    }
                }
                return n;
            }
        });
    }

    /**
     * Reads a whole body as UTF-8 text, at most {@code maxBytes} of it, and closes its source.
     *
     * @param body     a response body
     * @param maxBytes the most bytes that may be read; positive
     * @return the text
     * @throws ExceededException when the body is longer
     * @throws IOException       when it breaks off
     */
    public static String text(ResponseBody body, long maxBytes) throws IOException {
        try (BufferedSource source = of(body.source(), maxBytes)) {
            return source.readUtf8();
        }
    }

    /**
     * @param bytes a size in bytes
     * @return the size for people: {@code 64 MiB}, {@code 64 KiB}, {@code 1,000 bytes}
     */
    public static String describe(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return String.format(Locale.ROOT, "%,d MiB", bytes >> 20);
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return String.format(Locale.ROOT, "%,d KiB", bytes >> 10);
        }
        return String.format(Locale.ROOT, "%,d bytes", bytes);
    }
}

package dev.connections.csv;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A stream that computes the SHA-256 of the bytes read through it and counts them. Not thread-safe. */
final class HashingInputStream extends FilterInputStream {

    private final MessageDigest digest = sha256();
    private long count;

    HashingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            digest.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            digest.update(buffer, offset, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skipping would leave bytes out of the hash");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** @return how many bytes were read */
    long count() {
        return count;
    }

    /** @return the SHA-256 of the bytes read, in hex; call once, at the end */
    String sha256Hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Reads the rest of the stream. */
    void drain() throws IOException {
        byte[] buffer = new byte[64 * 1024];
        while (read(buffer, 0, buffer.length) >= 0) {
            // reading is what hashes
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

package dev.connections.csv;

import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorException.Kind;
import dev.connections.spi.Cursor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What a file's content was when it was read: its size and modification time (its stamp) and the SHA-256 of its
 * bytes. Serialised as the cursor of a read, e.g. {@code csv1;size=120;modified=2024-03-31T14:05:00Z;sha256=ab…}.
 *
 * @param stamp  size and modification time
 * @param sha256 the SHA-256 of the content, in hex
 */
record Fingerprint(Stamp stamp, String sha256) {

    private static final String VERSION = "csv1";

    Cursor cursor() {
        return Cursor.of(VERSION + ";size=" + stamp.size() + ";modified=" + stamp.modified() + ";sha256=" + sha256);
    }

    /** @return the fingerprint a cursor holds, or null when it is not one of ours (then the read is a full one) */
    static Fingerprint parse(Cursor cursor) {
        String[] parts = cursor.value().split(";");
        if (parts.length != 4 || !parts[0].equals(VERSION) || !parts[1].startsWith("size=")
                || !parts[2].startsWith("modified=") || !parts[3].startsWith("sha256=")) {
            return null;
        }
        try {
            Stamp stamp = new Stamp(Long.parseLong(parts[1].substring(5)), Instant.parse(parts[2].substring(9)));
            return new Fingerprint(stamp, parts[3].substring(7));
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Hashes a file's bytes, reading them once, without parsing them.
     *
     * @param before the file's stamp, taken before
     * @throws ConnectorException UNAVAILABLE when the file changed meanwhile
     */
    static Fingerprint of(Path path, String file, Stamp before) {
        try (InputStream raw = RegularFile.open(path, file); HashingInputStream in = new HashingInputStream(raw)) {
            in.drain();
            before.checkUnchanged(Stamp.of(path, file), in.count(), file);
            return new Fingerprint(before, in.sha256Hex());
        } catch (IOException e) {
            throw Where.unreadable(file, e);
        }
    }

    /**
     * A file's size and modification time: one metadata look.
     *
     * @param size     in bytes
     * @param modified the last modification time
     */
    record Stamp(long size, Instant modified) {

        /** @throws ConnectorException when the path is no longer a regular file, as {@link RegularFile} says */
        static Stamp of(Path path, String file) {
            BasicFileAttributes attributes = RegularFile.attributes(path, file);
            return new Stamp(attributes.size(), attributes.lastModifiedTime().toInstant());
        }

        /**
         * Checks that a file is as it was when a read began.
         *
         * @param bytesRead how many bytes the read saw
         * @throws ConnectorException UNAVAILABLE when it changed, so that the engine refreshes again
         */
        void checkUnchanged(Stamp after, long bytesRead, String file) {
            if (!equals(after) || bytesRead != size) {
                throw new ConnectorException(Kind.UNAVAILABLE, file + " changed while it was being read (it was "
                        + size + " bytes, modified " + modified + "; it is now " + after.size + " bytes, modified "
                        + after.modified + "): refresh again once whatever writes it has finished");
            }
        }
    }
}

package dev.connections.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded storage's credentials key: 256 random bits for AES, Base64 in a file only its owner may read
 * ({@code rw-------} where the file system has POSIX permissions). Created once, then reused: losing it makes every
 * stored credential unreadable.
 */
final class KeyFile {

    static final String NAME = "connections.key";
    private static final Logger LOG = LoggerFactory.getLogger(KeyFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private KeyFile() {
    }

    /**
     * @param mayCreate whether a missing key file may be created: never when the database already holds credentials
     *                  sealed with a key (a new key could not open them; the lost one must be restored instead)
     * @return the key in {@code folder/connections.key}, created there first if there is none and that is allowed.
     *         The caller holds the database's file lock, so no other process creates it meanwhile.
     * @throws JdbcStorageException when the key file is missing but must not be created
     */
    static synchronized SecretKey loadOrCreate(Path folder, boolean mayCreate) {
        Path file = folder.resolve(NAME);
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                if (!mayCreate) {
                    throw new JdbcStorageException("The credentials key file " + NAME + " is missing from " + folder
                            + ", but the database there holds credentials sealed with it; a new key could not open "
                            + "them. Restore " + NAME + " from a backup of this folder (the same one the database "
                            + "came from). To start over without the stored credentials, delete the whole folder. "
                            + "Nothing was changed.");
                }
                create(file);
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the credentials key " + file + ": "
                    + e.getMessage() + ". Check that the folder is writable by this process.", e);
        }
    }

    /** Writes the key to a new file beside it first, then renames that into place: a crash leaves no half key. */
    private static void create(Path file) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path folder = file.getParent();
        Path partial;
        if (Files.getFileStore(folder).supportsFileAttributeView(PosixFileAttributeView.class)) {
            partial = Files.createTempFile(folder, NAME, ".new", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            partial = Files.createTempFile(folder, NAME, ".new");
            ownerOnly(partial);
        }
        try {
            Files.write(partial, (Base64.getEncoder().encodeToString(key) + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        LOG.info("Created the credentials key {}; back it up with the database: without it stored credentials "
                + "cannot be read", file);
    }

    private static void ownerOnly(Path file) {
        var f = file.toFile();
        boolean ok = f.setReadable(false, false) & f.setReadable(true, true)
                & f.setWritable(false, false) & f.setWritable(true, true);
        if (!ok) {
            LOG.warn("Could not make the credentials key {} readable by its owner only; restrict it yourself", file);
        }
    }

    private static SecretKey read(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                LOG.warn("The credentials key {} is readable by others ({}); restrict it: chmod 600 {}", file,
                        PosixFilePermissions.toString(permissions), file);
            }
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (key.length != 32) {
            throw new IllegalStateException("The credentials key " + file + " is not a 256-bit key in Base64. "
                    + "Restore it from a backup; delete it only if no credentials were stored with it.");
        }
        return new SecretKeySpec(key, "AES");
    }
}

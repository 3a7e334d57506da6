package dev.connections.csv;

import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Looks at and opens a file that {@link CsvFolder#resolve} found, trusting nothing about what the path is now: the
 * file may have been swapped since. Links are never followed (a file swapped for a link is refused without saying where
 * the link leads, since the message goes into the table's history), and anything but a regular file (a named pipe, a
 * device, a folder) is refused before it is opened, so that a read does not block on a pipe. After opening, the path
 * must still be the regular file that was looked at. Stateless.
 */
final class RegularFile {

    private RegularFile() {
    }

    /**
     * @param name the file's object name, for messages
     * @return the attributes of the file itself, never of a link's target
     * @throws ConnectorException PERMISSION for a symbolic link, NOT_FOUND for anything else that is not a regular
     *                            file, or the failure {@link Where#unreadable} gives
     */
    static BasicFileAttributes attributes(Path path, String name) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw Where.unreadable(name, e);
        }
        if (attributes.isSymbolicLink()) {
            throw new ConnectorException(Kind.PERMISSION, "'" + name + "' is refused: it was replaced by a symbolic "
                    + "link after it was found in the folder, and links are not followed when a file is read: put "
                    + "the file itself back in the folder, then refresh again");
        }
        if (!attributes.isRegularFile()) {
            throw new ConnectorException(Kind.NOT_FOUND, "'" + name + "' is no longer a regular file (it is now "
                    + (attributes.isDirectory() ? "a folder" : "a named pipe, a device or another special file")
                    + "), and only regular files are read: put the CSV file back in the folder, then refresh again");
        }
        return attributes;
    }

    /**
     * Opens the file for reading, without following a link.
     *
     * @param name the file's object name, for messages
     * @throws ConnectorException as {@link #attributes}, and UNAVAILABLE when the file changed while it was opened
     */
    static InputStream open(Path path, String name) {
        Object key = attributes(path, name).fileKey();
        InputStream in;
        try {
            in = Files.newInputStream(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            attributes(path, name);
            throw Where.unreadable(name, e);
        }
        try {
            if (!Objects.equals(key, attributes(path, name).fileKey())) {
                throw new ConnectorException(Kind.UNAVAILABLE, "'" + name + "' was replaced by another file while "
                        + "it was being opened: refresh again once whatever writes it has finished");
            }
            return in;
        } catch (RuntimeException e) {
            try {
                in.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}

package dev.connections.csv;

import dev.connections.spi.Account;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorException.Kind;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The folder of a connection: the root that every object name is a path in. Lists the CSV files in it and in its
 * subfolders, and resolves object names to files, refusing any name that would lead out of the folder: {@code ..},
 * an absolute path, or a symbolic link to somewhere else. Not thread-safe.
 */
final class CsvFolder {

    private static final int NAMES_SHOWN = 5;

    private final Path folder;
    private Path root;

    CsvFolder(Path folder) {
        this.folder = folder;
    }

    /**
     * Checks that the folder exists, is a folder and can be read.
     *
     * @throws ConnectorException CONFIGURATION or PERMISSION naming the folder and the fix
     */
    Account account() {
        Path real = root();
        Path name = real.getFileName();
        return new Account(real.toString(), name == null ? real.toString() : name.toString());
    }

    /** @return the object names of every CSV file in the folder and its subfolders, sorted */
    List<String> csvFiles() {
        Path start = root();
        List<String> names = new ArrayList<>();
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (isCsv(file) && (attributes.isRegularFile()
                            || attributes.isSymbolicLink() && leadsToFileInside(file))) {
                        names.add(nameOf(file));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new ConnectorException(Kind.UNAVAILABLE, "The folder " + folder + " could not be listed ("
                    + e.getMessage() + "): try again; if it keeps failing, check the disk or share that holds it", e);
        }
        names.sort(null);
        return names;
    }

    /**
     * @param object an object name: a path in the folder with {@code /} between its parts
     * @return the real path of the file
     * @throws ConnectorException PERMISSION for a name that leads out of the folder; NOT_FOUND when there is no
     *                            such CSV file, listing a few that exist
     */
    Path resolve(String object) {
        Path start = root();
        if (object.startsWith("/") || object.startsWith("\\") || isAbsolute(object)) {
            throw refused(object, "it is an absolute path; object names are paths inside the folder, such as "
                    + "exports/orders.csv");
        }
        for (String part : object.split("[/\\\\]")) {
            if (part.equals("..")) {
                throw refused(object, "'..' would lead out of the folder; object names are paths inside it");
            }
        }
        Path path = start.resolve(object).normalize();
        if (!path.startsWith(start)) {
            throw refused(object, "it leads out of the folder");
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw notFound(object, "there is no such file in the folder");
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw notFound(object, "it is a link to a file that does not exist");
        }
        if (!real.startsWith(start)) {
            throw refused(object, "it is a symbolic link to " + real + ", outside the folder; links that lead out "
                    + "of the folder are not followed: copy the file into the folder instead");
        }
        if (!Files.isRegularFile(real) || !isCsv(path)) {
            throw notFound(object, "it is not a .csv file");
        }
        return real;
    }

    private Path root() {
        if (root != null) {
            return root;
        }
        if (!Files.exists(folder)) {
            throw new ConnectorException(Kind.CONFIGURATION, "The folder " + folder + " does not exist: create it, "
                    + "or change the connection's folder setting to the folder that holds the CSV files");
        }
        if (!Files.isDirectory(folder)) {
            throw new ConnectorException(Kind.CONFIGURATION, folder + " is a file, not a folder: set the "
                    + "connection's folder setting to the folder that holds it");
        }
        if (!Files.isReadable(folder) || !Files.isExecutable(folder)) {
            throw new ConnectorException(Kind.PERMISSION, "The folder " + folder + " cannot be read: give the "
                    + "user that runs the host permission to read and list it");
        }
        try {
            root = folder.toRealPath();
        } catch (IOException e) {
            throw new ConnectorException(Kind.UNAVAILABLE, "The folder " + folder + " could not be opened ("
                    + e.getMessage() + "): try again", e);
        }
        return root;
    }

    private static boolean isAbsolute(String object) {
        try {
            return Path.of(object).isAbsolute();
        } catch (InvalidPathException e) {
            throw new ConnectorException(Kind.NOT_FOUND, "'" + object + "' is not a file name (" + e.getReason()
                    + "): use a name from the list of files in the folder", e);
        }
    }

    private boolean leadsToFileInside(Path link) {
        try {
            Path real = link.toRealPath();
            return real.startsWith(root) && Files.isRegularFile(real);
        } catch (IOException e) {
            return false;
        }
    }

    private String nameOf(Path file) {
        StringBuilder name = new StringBuilder();
        for (Path part : root.relativize(file)) {
            if (name.length() > 0) {
                name.append('/');
            }
            name.append(part);
        }
        return name.toString();
    }

    private static boolean isCsv(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    private static ConnectorException refused(String object, String why) {
        return new ConnectorException(Kind.PERMISSION, "'" + object + "' is refused: " + why);
    }

    private ConnectorException notFound(String object, String why) {
        List<String> existing = csvFiles();
        String shown = existing.isEmpty() ? "the folder has no .csv files"
                : "files in the folder include " + String.join(", ", existing.subList(0,
                Math.min(NAMES_SHOWN, existing.size()))) + (existing.size() > NAMES_SHOWN ? ", …" : "");
        return new ConnectorException(Kind.NOT_FOUND, "'" + object + "' is not a CSV file of " + root + ": " + why
                + "; " + shown);
    }
}

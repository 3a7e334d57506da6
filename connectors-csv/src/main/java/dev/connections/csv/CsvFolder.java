package dev.connections.csv;

import dev.connections.spi.Account;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorException.Kind;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
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

    /** How many entries a listing for a message looks at, at most: a failing look-up must stay cheap. */
    private static final int ENTRIES_LOOKED_AT = 2_000;

    private final Path folder;
    private final AllowedRoots roots;
    private Path root;

    CsvFolder(Path folder, AllowedRoots roots) {
        this.folder = folder;
        this.roots = roots;
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
     * @return the CSV files among the first {@value #ENTRIES_LOOKED_AT} entries of the folder, sorted: enough to name a
     *         few in a message without walking a large tree again
     */
    private List<String> someCsvFiles() {
        List<String> names = new ArrayList<>();
        int[] seen = {0};
        try {
            Files.walkFileTree(root(), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return ++seen[0] > ENTRIES_LOOKED_AT ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (isCsv(file) && attributes.isRegularFile()) {
                        names.add(nameOf(file));
                    }
                    return ++seen[0] > ENTRIES_LOOKED_AT ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return names;
        }
        names.sort(null);
        return names;
    }

    /**
     * Follows an object name step by step from the folder, looking at each step without following it, so that nothing
     * beyond a link that leads out of the folder is ever looked at.
     *
     * @param object an object name: a path in the folder with {@code /} between its parts
     * @return the real path of the file, a regular file inside the folder
     * @throws ConnectorException PERMISSION for a name that leads out of the folder, directly or through a link (the
     *                            message never names where a link leads); NOT_FOUND when there is no such CSV file
     *                            or it is not a regular file, listing a few that exist
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
        Path real = start;
        BasicFileAttributes attributes = null;
        for (Path part : start.relativize(path)) {
            real = real.resolve(part);
            attributes = attributes(real, object);
            if (attributes.isSymbolicLink()) {
                real = linkedInside(real, object);
                attributes = attributes(real, object);
            }
        }
        if (attributes == null || !isCsv(path)) {
            throw notFound(object, "it is not a .csv file");
        }
        if (!attributes.isRegularFile()) {
            throw notFound(object, attributes.isDirectory() ? "it is a folder, not a .csv file"
                    : "it is not a regular file (a named pipe, a device or another special file), and only regular "
                    + "files are read");
        }
        return real;
    }

    /**
     * Looks at one step of a path in the folder, never through a link: the steps before it are in the folder.
     *
     * @return the attributes of the step itself (of a link, not of where it leads)
     */
    private BasicFileAttributes attributes(Path step, String object) {
        try {
            return Files.readAttributes(step, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (AccessDeniedException e) {
            throw Where.unreadable(object, e);
        } catch (IOException e) {
            throw notFound(object, "there is no such file in the folder");
        }
    }

    /**
     * @return the real path a link in the folder leads to
     * @throws ConnectorException PERMISSION when it leads out of the folder or to nothing, with one message for both
     *                            that does not name the target: whether a path outside the folder exists is not told
     */
    private Path linkedInside(Path link, String object) {
        try {
            Path real = link.toRealPath();
            if (real.startsWith(root)) {
                return real;
            }
        } catch (IOException e) {
            // refused below, as a link out of the folder is
        }
        throw refused(object, "it goes through a symbolic link that does not lead to a file or folder inside the "
                + "folder; links are followed only within the folder: copy the file into the folder instead");
    }

    private Path root() {
        if (root != null) {
            return root;
        }
        insideRoots();
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
        Path real;
        try {
            real = folder.toRealPath();
        } catch (IOException e) {
            throw new ConnectorException(Kind.UNAVAILABLE, "The folder " + folder + " could not be opened ("
                    + e.getMessage() + "): try again", e);
        }
        roots.checkReal(folder, real);
        root = real;
        return root;
    }

    /**
     * Refuses a folder whose real path (links resolved) is outside the allowed roots before saying anything about it,
     * so that no message tells what exists outside them. For a folder that does not exist (or cannot be resolved), its
     * nearest existing ancestor must resolve inside the roots.
     */
    private void insideRoots() {
        Path known = folder;
        while (known != null) {
            try {
                roots.checkReal(folder, known.toRealPath());
                return;
            } catch (IOException e) {
                if (Files.isSymbolicLink(known)) {
                    // a link to nothing: where it leads cannot be told inside, so it answers as one leading out
                    roots.checkReal(folder, known.getRoot() == null ? known : known.getRoot());
                }
                known = known.getParent();
            }
        }
        roots.checkReal(folder, folder);
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
        List<String> existing = someCsvFiles();
        String shown = existing.isEmpty() ? "the folder has no .csv files"
                : "files in the folder include " + String.join(", ", existing.subList(0,
                Math.min(NAMES_SHOWN, existing.size()))) + (existing.size() > NAMES_SHOWN ? ", …" : "");
        return new ConnectorException(Kind.NOT_FOUND, "'" + object + "' is not a CSV file of " + root + ": " + why
                + "; " + shown);
    }
}

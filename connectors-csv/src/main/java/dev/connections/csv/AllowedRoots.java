package dev.connections.csv;

import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The folders a host lets CSV connections point into, chosen in the host's code. A connection's folder setting is a
 * principal's choice and never decides which host paths are read: it must lie inside one of these roots, first as
 * written (checked before the file system is touched, so a refusal tells nothing of what exists outside), then as
 * the file system resolves it (so a link inside a root cannot lead out). Immutable; thread-safe.
 */
final class AllowedRoots {

    /** What the host writes to allow folders, for messages. */
    static final String HOW = "CsvConnector.allowingRoots(Path...) registered with Connections.builder().connector(...)";

    private final List<Path> roots;

    private AllowedRoots(List<Path> roots) {
        this.roots = roots;
    }

    static AllowedRoots none() {
        return new AllowedRoots(List.of());
    }

    /** @throws IllegalArgumentException when no root is given */
    static AllowedRoots of(Path... roots) {
        if (roots.length == 0) {
            throw new IllegalArgumentException("Give at least one folder that CSV connections may use");
        }
        return new AllowedRoots(java.util.Arrays.stream(roots).map(r -> Objects.requireNonNull(r, "root")
                .toAbsolutePath().normalize()).toList());
    }

    /**
     * @param folder the folder setting, absolute and normalised
     * @throws ConnectorException CONFIGURATION when it is not inside a root as written
     */
    void checkWritten(Path folder) {
        if (roots.isEmpty()) {
            throw new ConnectorException(Kind.CONFIGURATION, "This host allows no local folders for CSV "
                    + "connections. Its administrator chooses them in code: " + HOW + ".");
        }
        if (roots.stream().noneMatch(folder::startsWith)) {
            throw outside(folder);
        }
    }

    /**
     * @param folder the folder setting, absolute and normalised
     * @param real   its real path, links resolved
     * @throws ConnectorException CONFIGURATION when the real path is not inside the real path of a root
     */
    void checkReal(Path folder, Path real) {
        for (Path root : roots) {
            try {
                if (Files.isDirectory(root) && real.startsWith(root.toRealPath())) {
                    return;
                }
            } catch (IOException e) {
                // a root that cannot be resolved allows nothing
            }
        }
        throw outside(folder);
    }

    private ConnectorException outside(Path folder) {
        return new ConnectorException(Kind.CONFIGURATION, "The folder " + folder + " is not inside a folder this "
                + "host allows for CSV connections (" + roots.stream().map(Path::toString)
                .collect(Collectors.joining(", ")) + "): choose a folder inside one of them.");
    }

    @Override
    public String toString() {
        return roots.toString();
    }
}

package dev.connections.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.Filter;
import dev.connections.spi.Connector;
import dev.connections.tck.ConnectorContract;
import dev.connections.tck.ConnectorSubject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example connector, found by ServiceLoader as a host's SDK finds it, passes the TCK's connector contract. */
class FileListingConnectorContractTest extends ConnectorContract {

    private static final Instant MODIFIED = Instant.parse("2026-11-01T08:00:00Z");

    @TempDir
    Path folder;

    /** The files are written here, since the contract opens a session before the subclass's @BeforeEach methods. */
    @Override
    protected ConnectorSubject<?> subject() {
        write("report.csv", "a,b\n1,2\n");
        write("notes/todo.txt", "ship it");
        write("README", "");
        return ConnectorSubject.of(Discovered.connector("files"), Map.of("folder", folder.toString()))
                .withKnownObject("files", List.of("path", "name", "extension", "size", "modified"))
                .withRefreshKey(List.of("path"));
    }

    private void write(String name, String content) {
        try {
            Path file = folder.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            Files.setLastModifiedTime(file, FileTime.from(MODIFIED));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected List<Map<String, Object>> expectedRecords() {
        return List.of(file("report.csv", "report.csv", "csv", 8L), file("notes/todo.txt", "todo.txt", "txt", 7L),
                file("README", "README", null, 0L));
    }

    private static Map<String, Object> file(String path, String name, String extension, long size) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path);
        m.put("name", name);
        m.put("extension", extension);
        m.put("size", size);
        m.put("modified", MODIFIED);
        return m;
    }

    @Override
    protected Filter selectiveFilter() {
        return Filter.field("size").greaterThan(0);
    }

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(Connector.class).stream().map(p -> p.type().getName()))
                .contains(FileListingConnector.class.getName());
    }
}

package dev.connections.examples;

import dev.connections.api.FieldType;
import dev.connections.api.Filter;
import dev.connections.api.SourceField;
import dev.connections.api.SourceObject;
import dev.connections.api.SourceSchema;
import dev.connections.spi.Account;
import dev.connections.spi.Connector;
import dev.connections.spi.ConnectorContext;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.ReadRequest;
import dev.connections.spi.ReadResult;
import dev.connections.spi.RecordSink;
import dev.connections.spi.Row;
import dev.connections.spi.SettingSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A custom connector, as a host would write one: the files under a folder as a table (path, name, extension, size,
 * modified). Registered in {@code META-INF/services/dev.connections.spi.Connector}, so adding its jar is enough.
 *
 * <p>Settings that cannot work are a {@link ConnectorException} CONFIGURATION naming the fix, never a raw exception:
 * a missing or malformed folder when a session opens, a missing folder when it is tested or read (see its tests).
 */
public final class FileListingConnector implements Connector {

    static final String OBJECT = "files";
    static final List<SourceField> FIELDS = List.of(
            new SourceField("path", "Path", FieldType.TEXT, false, true),
            SourceField.of("name", FieldType.TEXT),
            SourceField.of("extension", FieldType.TEXT),
            SourceField.of("size", FieldType.INTEGER),
            SourceField.of("modified", FieldType.DATETIME));

    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor("files", "Files in a folder", ConnectorDescriptor.AuthKind.NONE,
                List.of(SettingSpec.required("folder", "Folder", "the folder whose files to list")),
                Set.of(), ConnectorDescriptor.AccountPolicy.MANY_PER_ACCOUNT);
    }

    /** @throws ConnectorException CONFIGURATION when the folder setting is missing or not a path */
    @Override
    public ConnectorSession open(ConnectorContext context) {
        String folder = context.setting("folder").filter(f -> !f.isBlank()).orElseThrow(() -> new ConnectorException(
                ConnectorException.Kind.CONFIGURATION, "The folder setting is missing: set it to the path of the "
                        + "folder whose files to list."));
        try {
            return new Session(Path.of(folder.strip()));
        } catch (InvalidPathException e) {
            throw new ConnectorException(ConnectorException.Kind.CONFIGURATION, "The folder setting '" + folder
                    + "' is not a path (" + e.getReason() + "): set it to the folder whose files to list.");
        }
    }

    private static final class Session implements ConnectorSession {
        private final Path folder;

        Session(Path folder) {
            this.folder = folder;
        }

        @Override
        public Account test() {
            if (!Files.isDirectory(folder) || !Files.isReadable(folder)) {
                throw new ConnectorException(ConnectorException.Kind.CONFIGURATION, "The folder " + folder
                        + " does not exist or cannot be read; check the path and its permissions.");
            }
            try {
                return new Account(folder.toRealPath().toString(), folder.getFileName() + "");
            } catch (IOException e) {
                throw new ConnectorException(ConnectorException.Kind.UNAVAILABLE, "The folder " + folder
                        + " could not be resolved (" + e.getMessage() + "); test the connection again.", e);
            }
        }

        @Override
        public List<SourceObject> objects() {
            return List.of(new SourceObject(OBJECT, "Files under " + folder));
        }

        @Override
        public SourceSchema describe(String object) {
            if (!OBJECT.equals(object)) {
                throw new ConnectorException(ConnectorException.Kind.NOT_FOUND, "There is no object '" + object
                        + "'; this connector has one: '" + OBJECT + "'.");
            }
            return new SourceSchema(OBJECT, FIELDS, List.of("path"));
        }

        @Override
        public ReadResult read(ReadRequest request, RecordSink sink) {
            describe(request.object());
            test();
            List<String> fields = request.fieldNames();
            Filter.RowPredicate filter = request.filter().compile(request.fields());
            try (Stream<Path> files = Files.walk(folder)) {
                files.filter(Files::isRegularFile).forEach(file -> {
                    Object[] values = new Object[fields.size()];
                    for (int i = 0; i < values.length; i++) {
                        Object v = value(file, fields.get(i));
                        // a table may keep any column as TEXT
                        values[i] = v != null && request.fields().get(i).type() == FieldType.TEXT ? v.toString() : v;
                    }
                    if (filter.test(values)) {
                        sink.accept(Row.of(values));
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                throw new ConnectorException(ConnectorException.Kind.UNAVAILABLE, "Listing " + folder
                        + " failed (" + e.getMessage() + "); refresh again.", e);
            }
            return ReadResult.full(null);
        }

        private Object value(Path file, String field) {
            String name = file.getFileName().toString();
            try {
                switch (field) {
                    case "path": return folder.relativize(file).toString().replace('\\', '/');
                    case "name": return name;
                    case "extension": return name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : null;
                    case "size": return Files.size(file);
                    case "modified": return Files.readAttributes(file, BasicFileAttributes.class)
                            .lastModifiedTime().toInstant();
                    default: throw new ConnectorException(ConnectorException.Kind.NOT_FOUND,
                            "There is no field '" + field + "'; the fields are path, name, extension, size, modified.");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
        }
    }
}

package dev.connections.csv;

import dev.connections.api.SourceField;
import dev.connections.api.SourceObject;
import dev.connections.api.SourceSchema;
import dev.connections.spi.Account;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.ReadRequest;
import dev.connections.spi.ReadResult;
import dev.connections.spi.RecordSink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One connection to a folder, open for one operation. Holds nothing open between calls. Not thread-safe. */
final class CsvSession implements ConnectorSession {

    private final CsvSettings settings;
    private final CsvFolder folder;

    CsvSession(CsvSettings settings, AllowedRoots roots) {
        this.settings = settings;
        this.folder = new CsvFolder(settings.folder(), roots);
    }

    /** @return the folder: its real path as id, its name for people */
    @Override
    public Account test() {
        return folder.account();
    }

    /** @return every CSV file of the folder and its subfolders, named by their path in it, sorted */
    @Override
    public List<SourceObject> objects() {
        return folder.csvFiles().stream().map(name -> new SourceObject(name, name)).toList();
    }

    /**
     * @return the header's columns, typed from the first {@value TypeInference#SAMPLE_ROWS} rows; no natural key
     */
    @Override
    public SourceSchema describe(String object) {
        Path path = folder.resolve(object);
        try (CsvFile file = CsvFile.open(path, object, settings)) {
            List<String> header = file.header();
            TypeInference types = TypeInference.sample(file);
            List<SourceField> fields = new ArrayList<>(header.size());
            for (int i = 0; i < header.size(); i++) {
                fields.add(SourceField.of(header.get(i), types.type(i)));
            }
            return new SourceSchema(object, fields, List.of());
        }
    }

    @Override
    public ReadResult read(ReadRequest request, RecordSink sink) {
        return new CsvRead(settings, folder.resolve(request.object()), request.object()).read(request, sink);
    }

    @Override
    public void close() {
        // every file is closed by the call that opened it
    }
}

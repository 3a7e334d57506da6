package dev.connections.csv;

import dev.connections.tck.BadSettingsContract;
import dev.connections.tck.ConnectorSubject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV connector passes the TCK's bad settings contract: each setting of the wrong form, and a folder that does not
 * exist, is a file, or lies outside the folders the host allows, is a CONFIGURATION failure.
 */
class CsvBadSettingsContractTest extends BadSettingsContract {

    @TempDir
    Path root;

    /** @return the folder "exports" in root, which the connector allows */
    private CsvFolderFixture exports() {
        return new CsvFolderFixture(root.resolve("exports"));
    }

    @BeforeEach
    void writeFolder() {
        exports().write("orders.csv", "id,amount\n1,12.50\n");
    }

    @Override
    protected ConnectorSubject<?> subject() {
        return exports().subject();
    }

    @Override
    protected List<BadSettings> badSettings() {
        Path folder = exports().root;
        return List.of(BadSettings.of("a folder that does not exist", with("folder", root.resolve("gone").toString())),
                BadSettings.of("a folder that is a file", with("folder", folder.resolve("orders.csv").toString())),
                BadSettings.of("a folder outside the allowed ones", with("folder", root.getParent().toString())),
                BadSettings.of("a folder that is not a path", with("folder", "exports\0")),
                BadSettings.of("an unknown delimiter", with("delimiter", "::")),
                BadSettings.of("an unknown encoding", with("encoding", "klingon-8")),
                BadSettings.of("a largest value of 0", with("maxFieldSize", "0")),
                BadSettings.of("a largest value that is not a number", with("maxFieldSize", "lots")),
                BadSettings.of("more columns than the host allows", with("maxColumns", "2000000000")),
                BadSettings.of("a largest row smaller than the largest value", with("maxRecordSize", "10")),
                BadSettings.of("an unknown time zone", with("dateTimeZone", "Mars/Olympus_Mons")));
    }
}

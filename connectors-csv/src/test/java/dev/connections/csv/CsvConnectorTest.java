package dev.connections.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.connections.api.SourceField;
import dev.connections.spi.Connector;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.ConnectorDescriptor.AccountPolicy;
import dev.connections.spi.ConnectorDescriptor.AuthKind;
import dev.connections.spi.ConnectorDescriptor.Capability;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorException.Kind;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.SettingSpec;
import dev.connections.tck.TestConnectorContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the connector says it is, how it is found, and how it checks settings. */
class CsvConnectorTest {

    private static ConnectorException openFails(Map<String, String> settings) {
        return catchThrowableOfType(ConnectorException.class,
                () -> CsvConnector.allowingRoots(Path.of("/srv")).open(TestConnectorContext.of(settings)));
    }

    private static Map<String, String> withFolder(String key, String value) {
        Map<String, String> settings = new HashMap<>();
        settings.put("folder", "/srv/exports");
        settings.put(key, value);
        return settings;
    }

    @Test
    void serviceLoaderFindsTheConnector() {
        assertThat(ServiceLoader.load(Connector.class).stream().map(ServiceLoader.Provider::type))
                .contains(CsvConnector.class);
    }

    @Test
    void descriptorDescribesAFolderOfCsvFiles() {
        ConnectorDescriptor d = new CsvConnector().descriptor();
        assertThat(d.id()).isEqualTo("csv");
        assertThat(d.displayName()).isEqualTo("Folder of CSV files");
        assertThat(d.authKind()).isEqualTo(AuthKind.NONE);
        assertThat(d.capabilities()).containsExactly(Capability.INCREMENTAL);
        assertThat(d.accountPolicy()).isEqualTo(AccountPolicy.MANY_PER_ACCOUNT);
    }

    @Test
    void onlyTheFolderIsRequiredAndNothingIsSecret() {
        ConnectorDescriptor d = new CsvConnector().descriptor();
        assertThat(d.settings()).extracting(SettingSpec::key).containsExactly("folder", "delimiter", "encoding",
                "maxFieldSize", "maxColumns", "maxRecordSize", "dateTimeZone");
        assertThat(d.settings()).filteredOn(SettingSpec::required).extracting(SettingSpec::key)
                .containsExactly("folder");
        assertThat(d.settings()).noneMatch(SettingSpec::secret);
    }

    @Test
    void settingsHaveTheirDefaults() {
        Map<String, String> defaults = new HashMap<>();
        new CsvConnector().descriptor().settings().forEach(s -> defaults.put(s.key(), s.defaultValue()));
        assertThat(defaults).containsEntry("delimiter", "auto").containsEntry("encoding", "UTF-8")
                .containsEntry("maxFieldSize", "1048576").containsEntry("maxColumns", "2000")
                .containsEntry("maxRecordSize", "8388608")
                .containsEntry("dateTimeZone", "UTC");
    }

    @Test
    void openDoesNotTouchTheFolder(@TempDir Path root) {
        Path folder = root.resolve("not-yet");
        ConnectorSession session = CsvConnector.allowingRoots(root)
                .open(TestConnectorContext.of(Map.of("folder", folder.toString())));
        session.close();
        assertThat(folder).doesNotExist();
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void missingFolderSettingIsAConfigurationProblem() {
        ConnectorException e = openFails(Map.of());
        assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(e.getMessage()).contains("folder setting is missing");
    }

    @Test
    void blankFolderSettingIsAConfigurationProblem() {
        assertThat(openFails(Map.of("folder", "  ")).kind()).isEqualTo(Kind.CONFIGURATION);
    }

    @Test
    void unknownDelimiterIsAConfigurationProblemListingTheChoices() {
        ConnectorException e = openFails(withFolder("delimiter", "::"));
        assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(e.getMessage()).contains("'::'").contains(", ; tab | auto");
    }

    @Test
    void everyDelimiterChoiceIsAccepted(@TempDir Path root) throws IOException {
        Map<String, String> written = Map.of(",", ",", ";", ";", "|", "|", "\t", "\t", "\\t", "\t", "tab", "\t",
                "TAB", "\t", "auto", ";");
        for (Map.Entry<String, String> choice : written.entrySet()) {
            Path folder = Files.createTempDirectory(root, "d");
            Files.writeString(folder.resolve("f.csv"), "id" + choice.getValue() + "name\n1" + choice.getValue()
                    + "Ada\n", StandardCharsets.UTF_8);
            try (ConnectorSession session = CsvConnector.allowingRoots(root).open(TestConnectorContext.of(
                    Map.of("folder", folder.toString(), "delimiter", choice.getKey())))) {
                assertThat(session.describe("f.csv").fields()).as("delimiter setting %s", choice.getKey())
                        .extracting(SourceField::name).containsExactly("id", "name");
            }
        }
    }

    @Test
    void unknownEncodingIsAConfigurationProblem() {
        ConnectorException e = openFails(withFolder("encoding", "klingon-8"));
        assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(e.getMessage()).contains("'klingon-8'").contains("UTF-8");
    }

    @Test
    void maxFieldSizeMustBeAPositiveWholeNumber() {
        assertThat(openFails(withFolder("maxFieldSize", "0")).getMessage()).contains("maxFieldSize");
        assertThat(openFails(withFolder("maxFieldSize", "lots")).kind()).isEqualTo(Kind.CONFIGURATION);
    }

    @Test
    void maxColumnsMustBeAPositiveWholeNumber() {
        ConnectorException e = openFails(withFolder("maxColumns", "-3"));
        assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(e.getMessage()).contains("maxColumns").contains("'-3'");
    }

    @Test
    void maxRecordSizeBelowMaxFieldSizeIsAConfigurationProblemNamingBoth() {
        Map<String, String> settings = withFolder("maxRecordSize", "1000");
        settings.put("maxFieldSize", "2000");

        ConnectorException e = openFails(settings);

        assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(e.getMessage()).contains("maxRecordSize setting 1000").contains("maxFieldSize 2000")
                .contains("raise maxRecordSize to 2000");
    }

    @Test
    void raisingMaxFieldSizeAboveTheRecordDefaultRaisesTheRecordLimitWithIt() {
        CsvSettings settings = CsvSettings.from(withFolder("maxFieldSize", "16777216"),
                new CsvCeilings(16_777_216, 32_000_000, 2_000));

        assertThat(settings.maxRecordSize()).isEqualTo(16_777_216);
    }

    @Test
    void aConnectionCannotRaiseItsLimitsPastTheHostsCeilings() {
        for (String key : List.of("maxFieldSize", "maxRecordSize", "maxColumns")) {
            ConnectorException e = openFails(withFolder(key, "1073741824"));
            assertThat(e.kind()).as(key).isEqualTo(Kind.CONFIGURATION);
            assertThat(e.getMessage()).contains(key).contains("more than this host allows")
                    .contains("CsvConnector.withCeilings");
        }
    }

    @Test
    void aHostRaisesTheCeilingsInCodeAndConnectionsMayThenUseThem() {
        CsvConnector raised = CsvConnector.allowingRoots(Path.of("/srv")).withCeilings(16_777_216, 33_554_432, 5_000);

        raised.open(TestConnectorContext.of(withFolder("maxFieldSize", "16777216"))).close();
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> raised.open(TestConnectorContext.of(withFolder("maxColumns", "5001"))));
        assertThat(e.getMessage()).contains("(5000)");
    }

    @Test
    void unknownTimeZoneIsAConfigurationProblem() {
        ConnectorException e = openFails(withFolder("dateTimeZone", "Mars/Olympus"));
        assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(e.getMessage()).contains("'Mars/Olympus'").contains("Europe/Berlin");
    }
}

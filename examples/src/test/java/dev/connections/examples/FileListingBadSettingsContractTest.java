package dev.connections.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.connections.api.NewConnection;
import dev.connections.api.Principal;
import dev.connections.core.Connections;
import dev.connections.spi.ConnectorException;
import dev.connections.tck.BadSettingsContract;
import dev.connections.tck.ConnectorSubject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The example connector, found by ServiceLoader as a host's SDK finds it, answers settings that cannot work with a
 * CONFIGURATION failure naming the fix: the TCK's bad settings contract, and a host creating such a connection.
 */
class FileListingBadSettingsContractTest extends BadSettingsContract {

    @TempDir
    Path folder;

    @Override
    protected ConnectorSubject<?> subject() {
        return ConnectorSubject.of(Discovered.connector("files"), Map.of("folder", folder.toString()));
    }

    @Override
    protected List<BadSettings> badSettings() {
        return List.of(BadSettings.of("a folder that does not exist", with("folder", folder.resolve("gone").toString())),
                BadSettings.of("a folder that is a file", with("folder", file().toString())),
                BadSettings.of("a folder that is not a path", with("folder", "files\0")));
    }

    private Path file() {
        try {
            return Files.writeString(folder.resolve("notes.txt"), "not a folder");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"files\0", "/no/such/folder"})
    void aHostCreatingAConnectionWithAFolderThatCannotWorkIsToldToFixTheSetting(String bad) {
        Principal pam = Principal.of("pam");
        try (Connections sdk = Connections.builder().build()) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> sdk.connections()
                    .create(pam, NewConnection.of("files", "Pam's files").set("folder", bad)));

            assertThat(e).as("what creating the connection threw").isNotNull();
            assertThat(e.kind()).isEqualTo(ConnectorException.Kind.CONFIGURATION);
            assertThat(e.getMessage()).contains("folder");
            assertThat(sdk.connections().list(pam)).isEmpty();
        }
    }

    @Test
    void aHostCreatingAConnectionWithAWorkingFolderReachesIt() {
        Principal pam = Principal.of("pam");
        try (Connections sdk = Connections.builder().build()) {
            sdk.connections().create(pam, NewConnection.of("files", "Pam's files").set("folder", folder.toString()));

            assertThat(sdk.connections().list(pam)).hasSize(1);
        }
    }
}

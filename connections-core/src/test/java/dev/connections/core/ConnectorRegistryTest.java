package dev.connections.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connections.spi.ConnectorDescriptor;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorRegistryTest {

    private static MemoryConnector named(String id) {
        return new MemoryConnector(id, ConnectorDescriptor.AccountPolicy.MANY_PER_ACCOUNT,
                Map.of("acme", MemorySource.orders()));
    }

    @Test
    void explicitlyRegisteredConnectorsAreAvailable() {
        try (Connections sdk = Connections.builder().discoverConnectors(false).connector(named("memory")).build()) {
            assertThat(sdk.services()).containsExactly("memory");
        }
    }

    @Test
    void twoConnectorsWithOneIdAreAnErrorNamingBothClasses() {
        assertThatThrownBy(() -> Connections.builder().discoverConnectors(false).connector(named("memory"))
                .connector(new ImpostorConnector()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(MemoryConnector.class.getName())
                .hasMessageContaining(ImpostorConnector.class.getName());
    }

    @Test
    void brokenProviderIsSkippedAndTheOthersLoad(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve("dev.connections.spi.Connector"),
                "com.example.Missing\n" + ImpostorConnector.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
             Connections sdk = Connections.builder().classLoader(loader).build()) {
            assertThat(sdk.services()).contains("memory");
        }
    }

    @Test
    void explicitChoiceWinsOverDiscovery(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve("dev.connections.spi.Connector"), ImpostorConnector.class.getName() + "\n");
        MemoryConnector mine = new MemoryConnector("memory", ConnectorDescriptor.AccountPolicy.MANY_PER_ACCOUNT,
                Map.of("mine", MemorySource.orders()));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
             Connections sdk = Connections.builder().classLoader(loader).connector(mine).build()) {
            var created = sdk.connections().create(Fixture.PAM, dev.connections.api.NewConnection.of("memory", "A")
                    .set("account", "mine").set("token", MemoryConnector.TOKEN));
            assertThat(created.account()).isEqualTo("mine");
        }
    }
}

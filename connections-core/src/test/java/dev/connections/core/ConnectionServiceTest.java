package dev.connections.core;

import static dev.connections.core.Fixture.PAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.ConnectionDeletion;
import dev.connections.api.ConnectionStatus;
import dev.connections.api.ConnectionsException;
import dev.connections.api.NewConnection;
import dev.connections.api.NewTable;
import dev.connections.api.RefreshStatus;
import dev.connections.api.TestResult;
import dev.connections.spi.ConnectorException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectionServiceTest {

    private Fixture f;

    @BeforeEach
    void setUp() {
        f = new Fixture();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static ConnectionsException.Reason reason(Throwable e) {
        return ((ConnectionsException) e).reason();
    }

    @Test
    void createdConnectionIsTestedAndShowsItsAccount() {
        Connection c = f.connection(PAM, "Acme");

        assertThat(c.status()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(c.account()).isEqualTo("acme");
        assertThat(c.owner()).isEqualTo(PAM);
        assertThat(c.lastTest().ok()).isTrue();
        assertThat(c.lastTest().at()).isEqualTo(f.clock.instant());
        assertThat(f.sdk.connections().list(PAM)).extracting(Connection::name).containsExactly("Acme");
    }

    @Test
    void secretSettingsAreNeverShown() {
        Connection c = f.connection(PAM, "Acme");

        assertThat(c.settings()).containsOnlyKeys("account");
        assertThat(c.toString()).doesNotContain(MemoryConnector.TOKEN);
    }

    @Test
    void unknownServiceIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> f.sdk.connections().create(PAM, NewConnection.of("sftp", "x")))
                .hasMessageContaining("Unknown service 'sftp'").hasMessageContaining("memory")
                .satisfies(e -> assertThat(reason(e)).isEqualTo(ConnectionsException.Reason.INVALID_INPUT));
    }

    @Test
    void missingRequiredSettingIsRefusedNamingIt() {
        assertThatThrownBy(() -> f.sdk.connections().create(PAM, NewConnection.of("memory", "x")
                .set("token", MemoryConnector.TOKEN)))
                .hasMessageContaining("needs the setting 'account'");
        assertThat(f.sdk.connections().list(PAM)).isEmpty();
    }

    @Test
    void unknownSettingIsRefusedListingTheKnownOnes() {
        assertThatThrownBy(() -> f.sdk.connections().create(PAM, NewConnection.of("memory", "x")
                .set("account", "acme").set("token", MemoryConnector.TOKEN).set("acount", "typo")))
                .hasMessageContaining("no setting 'acount'").hasMessageContaining("[account, token]");
    }

    @Test
    void connectionThatFailsItsTestIsNotCreated() {
        assertThatThrownBy(() -> f.sdk.connections().create(PAM, NewConnection.of("memory", "x")
                .set("account", "acme").set("token", "wrong")))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("reauthorize");
        assertThat(f.sdk.connections().list(PAM)).isEmpty();
    }

    @Test
    void ownerCannotHaveTwoConnectionsWithOneName() {
        f.connection(PAM, "Acme");

        assertThatThrownBy(() -> f.connection(PAM, "acme")).hasMessageContaining("already have a connection");
    }

    @Test
    void renameKeepsTheTables() {
        Connection c = f.connection(PAM, "Acme");
        f.sdk.tables().create(PAM, NewTable.builder().app("sales").name("Orders").connection(c.id())
                .object("orders").fields("id").build());

        Connection renamed = f.sdk.connections().rename(PAM, c.id(), "Acme production");

        assertThat(renamed.name()).isEqualTo("Acme production");
        assertThat(renamed.tables()).extracting(Connection.TableRef::name).containsExactly("Orders");
    }

    @Test
    void testKeepsTheResultAndItsTime() {
        Connection c = f.connection(PAM, "Acme");
        f.clock.advance(Duration.ofHours(2));
        f.source.failNextTest.set(new ConnectorException(ConnectorException.Kind.PERMISSION,
                "Ask your admin to grant API access."));

        TestResult result = f.sdk.connections().test(PAM, c.id());

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).isEqualTo("Ask your admin to grant API access.");
        assertThat(f.sdk.connections().get(PAM, c.id()).lastTest()).isEqualTo(result);
        assertThat(result.at()).isEqualTo(f.clock.instant());
    }

    @Test
    void deleteIsRefusedWhileTablesUseTheConnectionAndNamesThem() {
        Connection c = f.connection(PAM, "Acme");
        f.sdk.tables().create(PAM, NewTable.builder().app("sales").name("Orders").connection(c.id())
                .object("orders").fields("id").build());

        assertThatThrownBy(() -> f.sdk.connections().delete(PAM, c.id()))
                .hasMessageContaining("sales/Orders")
                .satisfies(e -> assertThat(reason(e)).isEqualTo(ConnectionsException.Reason.CONFLICT));
        assertThat(f.sdk.connections().list(PAM)).hasSize(1);
    }

    @Test
    void deleteWithDisconnectLeavesTablesThatFailUntilSwitched() {
        Connection c = f.connection(PAM, "Acme");
        Connection other = f.connection(PAM, "Acme 2");
        f.source.put("orders", "o1", "Ann", 1L, "open");
        ConnectedTable t = f.sdk.tables().create(PAM, NewTable.builder().app("sales").name("Orders")
                .connection(c.id()).object("orders").fields("id").build());
        f.sdk.tables().refresh(PAM, t.id());

        ConnectionDeletion deletion = f.sdk.connections().delete(PAM, c.id(), true);

        assertThat(deletion.disconnectedTables()).extracting(Connection.TableRef::name).containsExactly("Orders");
        assertThat(deletion.revocation()).isEqualTo(ConnectionDeletion.Revocation.NOT_NEEDED);
        var failed = f.sdk.tables().refresh(PAM, t.id());
        assertThat(failed.status()).isEqualTo(RefreshStatus.FAILED);
        assertThat(failed.message()).contains("connection of this table was deleted");
        assertThat(f.rows(t.id())).containsExactly("[o1]");
        f.sdk.tables().switchConnection(PAM, t.id(), other.id());
        assertThat(f.sdk.tables().refresh(PAM, t.id()).status()).isEqualTo(RefreshStatus.SUCCEEDED);
    }

    @Test
    void discoveryListsObjectsAndDescribesThem() {
        Connection c = f.connection(PAM, "Acme");

        assertThat(f.sdk.connections().objects(PAM, c.id())).extracting(o -> o.name()).containsExactly("orders");
        assertThat(f.sdk.connections().describe(PAM, c.id(), "orders").fieldNames())
                .containsExactly("id", "customer", "amount", "status");
        assertThatThrownBy(() -> f.sdk.connections().describe(PAM, c.id(), "invoices"))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("invoices");
    }
}

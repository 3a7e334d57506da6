package dev.connections.core;

import static dev.connections.core.Fixture.PAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connections.api.Connection;
import dev.connections.api.ConnectionsException;
import dev.connections.api.Filter;
import dev.connections.api.NewTable;
import dev.connections.api.RefreshSchedule;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Guarantee 9: a bad table definition gets an error that says what is wrong, and nothing is stored. */
class TableValidationTest {

    private Fixture f;
    private Connection conn;

    @BeforeEach
    void setUp() {
        f = new Fixture();
        conn = f.connection(PAM, "Acme");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private NewTable.Builder orders() {
        return NewTable.builder().app("sales").name("Orders").connection(conn.id()).object("orders");
    }

    private void assertInvalid(NewTable request, String message) {
        assertThatThrownBy(() -> f.sdk.tables().create(PAM, request))
                .isInstanceOf(ConnectionsException.class).hasMessageContaining(message);
        assertThat(f.sdk.tables().list(PAM)).isEmpty();
    }

    @Test
    void unknownObjectIsNotFound() {
        assertThatThrownBy(() -> f.sdk.tables().create(PAM, orders().object("invoices").fields("id").build()))
                .satisfies(e -> assertThat(((ConnectionsException) e).reason())
                        .isEqualTo(ConnectionsException.Reason.NOT_FOUND))
                .hasMessageContaining("invoices");
    }

    @Test
    void unknownFieldIsNamedWithTheKnownOnes() {
        assertInvalid(orders().fields("id", "amonut").build(), "Unknown field(s) [amonut]");
        assertInvalid(orders().fields("id", "amonut").build(), "[id, customer, amount, status]");
    }

    @Test
    void noFieldsIsRefused() {
        assertInvalid(orders().build(), "Choose the connected fields");
    }

    @Test
    void refreshKeyDefaultsToTheNaturalId() {
        var t = f.sdk.tables().create(PAM, orders().fields("customer", "id").build());

        assertThat(t.refreshKey()).containsExactly("id");
    }

    @Test
    void refreshKeyOfMoreThanFourFieldsIsRefused() {
        f.source.object("wide", dev.connections.api.SourceField.of("a", dev.connections.api.FieldType.TEXT),
                dev.connections.api.SourceField.of("b", dev.connections.api.FieldType.TEXT),
                dev.connections.api.SourceField.of("c", dev.connections.api.FieldType.TEXT),
                dev.connections.api.SourceField.of("d", dev.connections.api.FieldType.TEXT),
                dev.connections.api.SourceField.of("e", dev.connections.api.FieldType.TEXT));
        assertInvalid(orders().object("wide").fields("a", "b", "c", "d", "e").refreshKey("a", "b", "c", "d", "e")
                .build(), "at most 4 fields");
    }

    @Test
    void refreshKeyMustBeAConnectedField() {
        assertInvalid(orders().fields("id", "amount").refreshKey("customer").build(),
                "refresh key field 'customer' is not a connected field");
    }

    @Test
    void filterOnAnUnconnectedFieldIsRefused() {
        assertInvalid(orders().fields("id", "amount").filter(Filter.field("status").equalTo("open")).build(),
                "The filter uses 'status'");
    }

    @Test
    void filterValueOfTheWrongTypeIsRefused() {
        assertInvalid(orders().fields("id", "amount").filter(Filter.field("amount").greaterThan("lots")).build(),
                "'lots' is not an INTEGER");
    }

    @Test
    void scheduleBelowTheMinimumIsRefused() {
        assertInvalid(orders().fields("id").schedule(RefreshSchedule.every(Duration.ofMinutes(30))).build(),
                "minimum interval of 1 hour(s)");
    }

    @Test
    void hostCanLowerTheMinimumInterval() {
        try (Fixture fast = new Fixture(Connections.builder().minimumInterval(Duration.ofMinutes(15)))) {
            Connection c = fast.connection(PAM, "Acme");
            var t = fast.sdk.tables().create(PAM, NewTable.builder().app("a").name("T").connection(c.id())
                    .object("orders").fields("id").schedule(RefreshSchedule.every(Duration.ofMinutes(15))).build());
            assertThat(t.schedule()).hasToString("every 15 minutes");
        }
    }

    @Test
    void duplicateTableNameInAnAppIsRefused() {
        f.sdk.tables().create(PAM, orders().fields("id").build());

        assertThatThrownBy(() -> f.sdk.tables().create(PAM, orders().name("ORDERS").fields("id").build()))
                .hasMessageContaining("You already have a table named 'ORDERS' in app 'sales'");
    }

    @Test
    void anotherUsersTableNameIsNotTakenSoItRevealsNothing() {
        f.sdk.tables().create(PAM, orders().fields("id").build());
        var jims = f.connection(Fixture.JIM, "Jim's Acme");

        var t = f.sdk.tables().create(Fixture.JIM, orders().connection(jims.id()).fields("id").build());

        assertThat(t.name()).isEqualTo("Orders");
        assertThat(f.sdk.tables().list(Fixture.JIM)).containsExactly(t);
    }

    @Test
    void invalidFilterChangeChangesNothing() {
        var t = f.sdk.tables().create(PAM, orders().fields("id", "amount").build());

        assertThatThrownBy(() -> f.sdk.tables().updateFilter(PAM, t.id(), Filter.parse("amount > 'x'")))
                .hasMessageContaining("'x' is not an INTEGER");
        assertThat(f.sdk.tables().details(PAM, t.id()).table().filter()).isEqualTo(Filter.all());
    }

    @Test
    void switchToAConnectionOfAnotherServiceIsRefused() {
        try (Fixture two = new Fixture(Connections.builder().connector(new MemoryConnector("other",
                dev.connections.spi.ConnectorDescriptor.AccountPolicy.MANY_PER_ACCOUNT,
                java.util.Map.of("acme", MemorySource.orders()))))) {
            Connection a = two.connection(PAM, "Acme");
            Connection b = two.sdk.connections().create(PAM, dev.connections.api.NewConnection.of("other", "Other")
                    .set("account", "acme").set("token", MemoryConnector.TOKEN));
            var t = two.sdk.tables().create(PAM, NewTable.builder().app("a").name("T").connection(a.id())
                    .object("orders").fields("id").build());
            assertThatThrownBy(() -> two.sdk.tables().switchConnection(PAM, t.id(), b.id()))
                    .hasMessageContaining("same service");
        }
    }
}

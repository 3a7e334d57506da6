package dev.connections.core;

import static dev.connections.core.Fixture.JIM;
import static dev.connections.core.Fixture.PAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.ConnectionsException;
import dev.connections.api.Filter;
import dev.connections.api.NewTable;
import dev.connections.api.RefreshSchedule;
import dev.connections.api.TableUpdates;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Guarantee 4: only a connection's owner acts on it, and a refusal gives nothing of its settings away. */
class OwnershipTest {

    private Fixture f;
    private Connection pams;
    private ConnectedTable table;

    @BeforeEach
    void setUp() {
        f = new Fixture(Connections.builder().accessPolicy(new dev.connections.api.AccessPolicy() {
            @Override
            public boolean canChangeSchedule(dev.connections.api.Principal who, ConnectedTable t,
                                             dev.connections.api.Principal owner) {
                return true; // every app admin may change schedules in this host
            }
        }));
        f.source.put("orders", "o1", "Ann", 120L, "open");
        pams = f.connection(PAM, "Pam's Acme");
        table = f.sdk.tables().create(PAM, NewTable.builder().app("sales").name("Orders").connection(pams.id())
                .object("orders").fields("id", "customer", "amount").build());
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private void assertRefused(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(ConnectionsException.class)
                .satisfies(e -> assertThat(((ConnectionsException) e).reason())
                        .isEqualTo(ConnectionsException.Reason.ACCESS_DENIED))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("acme", MemoryConnector.TOKEN,
                        "Pam's Acme"));
    }

    @Test
    void nonOwnerIsRefusedEveryConnectionOperation() {
        assertRefused(() -> f.sdk.connections().get(JIM, pams.id()));
        assertRefused(() -> f.sdk.connections().test(JIM, pams.id()));
        assertRefused(() -> f.sdk.connections().rename(JIM, pams.id(), "mine now"));
        assertRefused(() -> f.sdk.connections().delete(JIM, pams.id(), true));
        assertRefused(() -> f.sdk.connections().objects(JIM, pams.id()));
        assertRefused(() -> f.sdk.connections().describe(JIM, pams.id(), "orders"));
        assertThat(f.sdk.connections().list(JIM)).isEmpty();
        assertThat(f.sdk.connections().get(PAM, pams.id()).name()).isEqualTo("Pam's Acme");
    }

    @Test
    void nonOwnerCannotCreateATableWithSomeoneElsesConnection() {
        assertRefused(() -> f.sdk.tables().create(JIM, NewTable.builder().app("sales").name("Mine")
                .connection(pams.id()).object("orders").fields("id").build()));
    }

    @Test
    void nonOwnerOfTheConnectionCannotChangeFieldsOrFilter() {
        assertRefused(() -> f.sdk.tables().updateFields(JIM, table.id(), List.of("id"), List.of()));
        assertRefused(() -> f.sdk.tables().updateFilter(JIM, table.id(), Filter.field("amount").greaterThan(5)));
        assertThat(f.sdk.tables().details(PAM, table.id()).table().filter()).isEqualTo(Filter.all());
    }

    @Test
    void scheduleMayBeChangedByWhoeverThePolicyAllows() {
        ConnectedTable changed = f.sdk.tables().updateSchedule(JIM, table.id(), RefreshSchedule.everyHours(6));

        assertThat(changed.schedule()).isEqualTo(RefreshSchedule.everyHours(6));
    }

    @Test
    void defaultPolicyRefusesScheduleChangesByStrangers() {
        try (Fixture other = new Fixture()) {
            Connection c = other.connection(PAM, "Acme");
            ConnectedTable t = other.sdk.tables().create(PAM, NewTable.builder().app("a").name("T")
                    .connection(c.id()).object("orders").fields("id").build());
            assertRefused(() -> other.sdk.tables().updateSchedule(JIM, t.id(), RefreshSchedule.everyHours(6)));
            assertRefused(() -> other.sdk.tables().updateTableUpdates(JIM, t.id(), TableUpdates.KEEP));
            assertRefused(() -> other.sdk.tables().refresh(JIM, t.id()));
            assertRefused(() -> other.sdk.tables().details(JIM, t.id()));
            assertRefused(() -> other.sdk.tables().delete(JIM, t.id()));
        }
    }

    @Test
    void switchingIsOnlyOntoTheCallersOwnConnection() {
        Connection jims = f.connection(JIM, "Jim's Acme");

        assertRefused(() -> f.sdk.tables().switchConnection(PAM, table.id(), jims.id()));
    }

    @Test
    void ownerCanSwitchTheTableToAnotherOfHerConnections() {
        Connection second = f.connection(PAM, "Pam's second Acme");

        ConnectedTable switched = f.sdk.tables().switchConnection(PAM, table.id(), second.id());

        assertThat(switched.connection()).isEqualTo(second.id());
        assertThat(f.sdk.tables().details(PAM, table.id()).connectionName()).isEqualTo("Pam's second Acme");
    }
}

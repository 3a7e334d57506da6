package dev.connections.core;

import static dev.connections.core.Fixture.JIM;
import static dev.connections.core.Fixture.PAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.ConnectionId;
import dev.connections.api.ConnectionsException;
import dev.connections.api.Filter;
import dev.connections.api.NewTable;
import dev.connections.api.RefreshSchedule;
import dev.connections.api.TableId;
import dev.connections.api.TableUpdates;
import java.util.List;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Guarantee 4: only a connection's owner acts on it, and a refusal gives nothing of its settings away; a stranger is
 * answered as if the connection or table did not exist.
 */
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

    /** A refusal of something the caller can see: it says so, and gives nothing of the connection's settings. */
    private void assertRefused(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(ConnectionsException.class)
                .satisfies(e -> assertThat(((ConnectionsException) e).reason())
                        .isEqualTo(ConnectionsException.Reason.ACCESS_DENIED))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("acme", MemoryConnector.TOKEN,
                        "Pam's Acme"));
    }

    /**
     * A call on another user's connection or table answers exactly as the same call on an id that does not exist:
     * NOT_FOUND, with a message that differs only by the id, naming nothing of the other user's.
     */
    private static void assertUnseen(Function<String, ThrowingCallable> callOnId, String existingId) {
        Throwable onExisting = catchThrowable(callOnId.apply(existingId));
        Throwable onMissing = catchThrowable(callOnId.apply("x-does-not-exist"));
        assertThat(onExisting).isInstanceOf(ConnectionsException.class);
        assertThat(((ConnectionsException) onExisting).reason()).isEqualTo(ConnectionsException.Reason.NOT_FOUND);
        assertThat(onMissing).isInstanceOf(ConnectionsException.class);
        assertThat(((ConnectionsException) onMissing).reason()).isEqualTo(ConnectionsException.Reason.NOT_FOUND);
        assertThat(onExisting.getMessage().replace(existingId, "ID"))
                .isEqualTo(onMissing.getMessage().replace("x-does-not-exist", "ID"));
        assertThat(onExisting.getMessage()).doesNotContain("acme", MemoryConnector.TOKEN, "Pam's Acme", "Orders",
                "orders", "customer", "amount");
    }

    @Test
    void nonOwnerIsAnsweredEveryConnectionOperationAsIfItDidNotExist() {
        String id = pams.id().value();
        assertUnseen(c -> () -> f.sdk.connections().get(JIM, ConnectionId.of(c)), id);
        assertUnseen(c -> () -> f.sdk.connections().test(JIM, ConnectionId.of(c)), id);
        assertUnseen(c -> () -> f.sdk.connections().rename(JIM, ConnectionId.of(c), "mine now"), id);
        assertUnseen(c -> () -> f.sdk.connections().delete(JIM, ConnectionId.of(c), true), id);
        assertUnseen(c -> () -> f.sdk.connections().objects(JIM, ConnectionId.of(c)), id);
        assertUnseen(c -> () -> f.sdk.connections().describe(JIM, ConnectionId.of(c), "orders"), id);
        assertThat(f.sdk.connections().list(JIM)).isEmpty();
        assertThat(f.sdk.connections().get(PAM, pams.id()).name()).isEqualTo("Pam's Acme");
    }

    @Test
    void nonOwnerCannotCreateATableWithSomeoneElsesConnection() {
        assertUnseen(c -> () -> f.sdk.tables().create(JIM, NewTable.builder().app("sales").name("Mine")
                .connection(ConnectionId.of(c)).object("orders").fields("id").build()), pams.id().value());
    }

    @Test
    void nonOwnerOfTheConnectionCannotChangeFieldsOrFilter() {
        assertUnseen(t -> () -> f.sdk.tables().updateFields(JIM, TableId.of(t), List.of("id"), List.of()),
                table.id().value());
        assertUnseen(t -> () -> f.sdk.tables().updateFilter(JIM, TableId.of(t), Filter.field("amount").greaterThan(5)),
                table.id().value());
        assertThat(f.sdk.tables().details(PAM, table.id()).table().filter()).isEqualTo(Filter.all());
    }

    @Test
    void aViewerWhoDoesNotOwnTheConnectionIsToldOnlyTheOwnerMayChangeFields() {
        try (Fixture other = new Fixture(Connections.builder().accessPolicy(new dev.connections.api.AccessPolicy() {
            @Override
            public boolean canView(dev.connections.api.Principal who, ConnectedTable t,
                                   dev.connections.api.Principal owner) {
                return true; // the whole app sees every table in this host
            }
        }))) {
            Connection c = other.connection(PAM, "Pam's Acme");
            ConnectedTable t = other.sdk.tables().create(PAM, NewTable.builder().app("a").name("T")
                    .connection(c.id()).object("orders").fields("id").build());

            assertRefused(() -> other.sdk.tables().updateFilter(JIM, t.id(), Filter.field("id").greaterThan(5)));
            assertRefused(() -> other.sdk.tables().delete(JIM, t.id()));
        }
    }

    @Test
    void aStrangerCannotTakeOverATableWhoseConnectionWasDeleted() {
        Connection jims = f.connection(JIM, "Jim's Acme");
        f.sdk.connections().delete(PAM, pams.id(), true);

        assertUnseen(t -> () -> f.sdk.tables().switchConnection(JIM, TableId.of(t), jims.id()), table.id().value());
        assertUnseen(t -> () -> f.sdk.tables().rows(JIM, TableId.of(t)), table.id().value());
        assertThat(f.sdk.tables().details(PAM, table.id()).table().connection()).isEqualTo(pams.id());
    }

    @Test
    void theCreatorMaySwitchATableWhoseConnectionWasDeleted() {
        Connection second = f.connection(PAM, "Pam's second Acme");
        f.sdk.connections().delete(PAM, pams.id(), true);

        assertThat(f.sdk.tables().switchConnection(PAM, table.id(), second.id()).connection()).isEqualTo(second.id());
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
            String id = t.id().value();
            assertUnseen(x -> () -> other.sdk.tables().updateSchedule(JIM, TableId.of(x), RefreshSchedule.everyHours(6)),
                    id);
            assertUnseen(x -> () -> other.sdk.tables().updateTableUpdates(JIM, TableId.of(x), TableUpdates.KEEP), id);
            assertUnseen(x -> () -> other.sdk.tables().refresh(JIM, TableId.of(x)), id);
            assertUnseen(x -> () -> other.sdk.tables().details(JIM, TableId.of(x)), id);
            assertUnseen(x -> () -> other.sdk.tables().history(JIM, TableId.of(x), 5), id);
            assertUnseen(x -> () -> other.sdk.tables().delete(JIM, TableId.of(x)), id);
        }
    }

    @Test
    void switchingIsOnlyOntoTheCallersOwnConnection() {
        Connection jims = f.connection(JIM, "Jim's Acme");

        assertUnseen(c -> () -> f.sdk.tables().switchConnection(PAM, table.id(), ConnectionId.of(c)), jims.id().value());
    }

    @Test
    void ownerCanSwitchTheTableToAnotherOfHerConnections() {
        Connection second = f.connection(PAM, "Pam's second Acme");

        ConnectedTable switched = f.sdk.tables().switchConnection(PAM, table.id(), second.id());

        assertThat(switched.connection()).isEqualTo(second.id());
        assertThat(f.sdk.tables().details(PAM, table.id()).connectionName()).isEqualTo("Pam's second Acme");
    }
}

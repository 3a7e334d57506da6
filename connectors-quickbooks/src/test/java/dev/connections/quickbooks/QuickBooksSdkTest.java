package dev.connections.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.ConnectionStatus;
import dev.connections.api.ConnectionsEvent;
import dev.connections.api.ReadMode;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshStatus;
import dev.connections.api.TableUpdates;
import dev.connections.fakes.quickbooks.FakeCompany;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The QuickBooks connector through the whole SDK: authorization, supersession, tokens, throttling, deletions. */
class QuickBooksSdkTest {

    private final SdkFixture e = new SdkFixture(20);

    @AfterEach
    void close() {
        e.close();
    }

    @Test
    void authorizingMakesAnActiveConnectionWhoseAccountIsTheCompany() {
        Connection c = e.connect(e.pam, "Pam's QBO Company A connection");

        assertThat(c.status()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(c.account()).isEqualTo(QuickBooksFixture.REALM);
        assertThat(c.settings()).containsEntry("realmId", QuickBooksFixture.REALM);
        assertThat(c.lastTest().message()).contains("Craig's Design and Landscaping Services");
    }

    @Test
    void aNewConnectionToACompanySupersedesTheOtherOwnersAndReauthorizingTheOlderTakesItBack() {
        Connection pams = e.connect(e.pam, "Pam's books");
        ConnectedTable pamsCustomers = e.table(e.pam, pams, "Customers", "Customer", TableUpdates.REMOVE, "Id");
        e.company.insert("Customer", Map.of("DisplayName", "Amy"));

        Connection sams = e.connect(e.sam, "Sam's books");

        assertThat(e.sdk.connections().get(e.pam, pams.id()).status()).isEqualTo(ConnectionStatus.SUPERSEDED);
        assertThat(statusChanges(pams)).containsExactly(ConnectionStatus.SUPERSEDED);
        RefreshRun refused = e.sdk.tables().refresh(e.pam, pamsCustomers.id());
        assertThat(refused.status()).isEqualTo(RefreshStatus.FAILED);
        assertThat(refused.message()).contains("Sam's books", "sam");

        Connection back = e.reauthorize(e.pam, pams.id());

        assertThat(back.status()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(e.sdk.connections().get(e.sam, sams.id()).status()).isEqualTo(ConnectionStatus.SUPERSEDED);
        assertThat(statusChanges(sams)).containsExactly(ConnectionStatus.SUPERSEDED);
        RefreshRun works = e.sdk.tables().refresh(e.pam, pamsCustomers.id());
        assertThat(works.status()).as(works.message()).isEqualTo(RefreshStatus.SUCCEEDED);
        assertThat(works.counts().added()).isEqualTo(1);
    }

    @Test
    void twentyConcurrentRefreshesWithAnExpiredAccessTokenMakeOneTokenCallAndKeepTheNewestRefreshToken() {
        Connection c = e.connect(e.pam, "Pam's books");
        List<ConnectedTable> tables = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tables.add(e.table(e.pam, c, "Customers " + i, "Customer", TableUpdates.REMOVE, "Id", "DisplayName"));
        }
        e.company.insert("Customer", Map.of("DisplayName", "Amy"));
        e.fake.expireAccessTokens();
        e.fake.resetCounters();

        assertThat(refreshAll(tables)).allSatisfy(run -> assertThat(run.status()).as(run.message())
                .isEqualTo(RefreshStatus.SUCCEEDED));
        assertThat(e.fake.tokenRequests()).isEqualTo(1);

        e.clock.advance(Duration.ofHours(25));
        e.fake.resetCounters();
        RefreshRun later = e.sdk.tables().refresh(e.pam, tables.get(0).id());
        assertThat(later.status()).as(later.message()).isEqualTo(RefreshStatus.SUCCEEDED);
        assertThat(e.fake.tokenRequests()).isEqualTo(1);
        assertThat(e.sdk.connections().get(e.pam, c.id()).status()).isEqualTo(ConnectionStatus.ACTIVE);
    }

    @Test
    void aThrottlingStormIsRiddenOutWithNeverMoreThanTenRequestsInFlightToTheCompany() {
        Connection c = e.connect(e.pam, "Pam's books");
        List<ConnectedTable> tables = new ArrayList<>();
        for (String entity : FakeCompany.ENTITIES.stream().sorted().limit(16).toList()) {
            e.company.insert(entity, Map.of("PrivateNote", "one " + entity));
            tables.add(e.table(e.pam, c, entity, entity, TableUpdates.REMOVE, "Id"));
        }
        e.fake.latency(Duration.ofMillis(30));
        e.fake.throttleEveryRequest(2);
        e.fake.resetCounters();

        assertThat(refreshAll(tables)).allSatisfy(run -> {
            assertThat(run.status()).as(run.message()).isEqualTo(RefreshStatus.SUCCEEDED);
            assertThat(run.counts().added()).isEqualTo(1);
        });
        assertThat(e.fake.throttledRequests()).isEqualTo(32);
        assertThat(e.fake.maxInFlight()).isBetween(2, 10);
        assertThat(e.waits).hasSize(32).containsOnly(Duration.ofSeconds(60));
    }

    @Test
    void aCustomerDeletedInQuickBooksLeavesARemoveTableAndStaysInAKeepTable() {
        Connection c = e.connect(e.pam, "Pam's books");
        String amy = e.company.insert("Customer", Map.of("DisplayName", "Amy", "Balance", new BigDecimal("10")));
        String bill = e.company.insert("Customer", Map.of("DisplayName", "Bill"));
        ConnectedTable remove = e.table(e.pam, c, "Customers", "Customer", TableUpdates.REMOVE, "Id", "DisplayName");
        ConnectedTable keep = e.table(e.pam, c, "Customer archive", "Customer", TableUpdates.KEEP, "Id",
                "DisplayName");
        e.clock.advance(Duration.ofMinutes(10));
        refreshAll(List.of(remove, keep));

        e.clock.advance(Duration.ofMinutes(10));
        e.company.delete("Customer", bill);
        e.clock.advance(Duration.ofMinutes(1));
        e.fake.resetCounters();
        List<RefreshRun> runs = refreshAll(List.of(remove, keep));

        assertThat(runs).allSatisfy(run -> {
            assertThat(run.status()).as(run.message()).isEqualTo(RefreshStatus.SUCCEEDED);
            assertThat(run.mode()).isEqualTo(ReadMode.INCREMENTAL);
        });
        assertThat(runs.get(0).counts().removed()).isEqualTo(1);
        assertThat(e.ids(e.pam, remove.id())).containsExactly(amy);
        assertThat(e.ids(e.pam, keep.id())).containsExactlyInAnyOrder(amy, bill);
        assertThat(e.fake.changeRequests()).hasSize(1);
    }

    private List<RefreshRun> refreshAll(List<ConnectedTable> tables) {
        List<CompletableFuture<RefreshRun>> runs = tables.stream()
                .map(t -> e.sdk.tables().refreshAsync(e.pam, t.id())).toList();
        return runs.stream().map(CompletableFuture::join).toList();
    }

    private List<ConnectionStatus> statusChanges(Connection c) {
        return e.events.stream().filter(ev -> ev instanceof ConnectionsEvent.ConnectionStatusChanged s
                        && s.connection().equals(c.id()))
                .map(ev -> ((ConnectionsEvent.ConnectionStatusChanged) ev).to()).toList();
    }
}

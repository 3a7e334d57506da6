package dev.connections.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.ConnectionStatus;
import dev.connections.api.ConnectionsEvent;
import dev.connections.api.FailureKind;
import dev.connections.api.Filter;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshStatus;
import dev.connections.fakes.salesforce.FakeSalesforce;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Through the SDK, each fault switch of the fake gives its documented outcome: a refresh that fails leaves a FAILED
 * history entry with the failure's kind and a message that names the fix, and the table exactly as it was; a fault
 * the SDK handles (an expired token, a brief outage) leaves a SUCCEEDED entry.
 */
class EngineFaultsTest {

    private EngineFixture e = new EngineFixture();

    @AfterEach
    void close() {
        e.close();
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                fault("API disabled", f -> f.faults().apiDisabled(true), "PERMISSION", "\"API Enabled\" permission"),
                fault("daily limit", f -> f.faults().dailyLimitExceeded(true), "RATE_LIMITED",
                        "TotalRequests Limit exceeded."),
                fault("503 beyond the retries", f -> f.faults().unavailable(1000), "UNAVAILABLE", "HTTP 503"),
                fault("cut-off body", f -> f.faults().cutOffBodies(1000), "UNAVAILABLE", "broke off"),
                fault("field removed", f -> f.removeField("Account", "Industry"), "NOT_FOUND",
                        "'Industry'"),
                fault("refresh token refused", f -> f.faults().invalidGrantOnRefresh(true).expireAccessTokens(),
                        "AUTHENTICATION", "reauthorize"));
    }

    private static Arguments fault(String name, Consumer<FakeSalesforce> fault, String kind, String message) {
        return Arguments.of(name, fault, kind, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void aFaultFailsTheRefreshWithAHistoryEntryAndLeavesTheTableUnchanged(String name, Consumer<FakeSalesforce> fault,
                                                                         String kind, String message) {
        Connection c = e.connect();
        ConnectedTable t = e.accounts(c, "Accounts", Filter.all());
        assertThat(e.sdk.tables().refresh(e.pam, t.id()).status()).isEqualTo(RefreshStatus.SUCCEEDED);
        List<List<Object>> before = e.rows(t.id());
        changeEveryAccount();

        fault.accept(e.sf.fake);
        RefreshRun failed = e.sdk.tables().refresh(e.pam, t.id());

        assertThat(failed.status()).isEqualTo(RefreshStatus.FAILED);
        assertThat(failed.failureKind()).isEqualTo(FailureKind.valueOf(kind));
        assertThat(failed.message()).contains(message);
        assertThat(e.sdk.tables().history(e.pam, t.id(), 1)).containsExactly(failed);
        assertThat(e.rows(t.id())).isEqualTo(before);
    }

    @Test
    void aRefusedRefreshTokenMarksTheConnectionForReauthorizationWithAnEvent() {
        Connection c = e.connect();
        ConnectedTable t = e.accounts(c, "Accounts", Filter.all());
        e.sf.fake.faults().invalidGrantOnRefresh(true).expireAccessTokens();

        e.sdk.tables().refresh(e.pam, t.id());

        assertThat(e.sdk.connections().get(e.pam, c.id()).status()).isEqualTo(ConnectionStatus.NEEDS_REAUTHORIZATION);
        assertThat(e.events).anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(
                ConnectionsEvent.ConnectionStatusChanged.class,
                changed -> assertThat(changed.to()).isEqualTo(ConnectionStatus.NEEDS_REAUTHORIZATION)));
    }

    @Test
    void anExpiredAccessTokenIsRefreshedOnceAndTheRefreshSucceeds() {
        Connection c = e.connect();
        ConnectedTable t = e.accounts(c, "Accounts", Filter.all());
        e.sf.fake.faults().expireAccessTokens();
        e.sf.fake.resetCounters();

        RefreshRun run = e.sdk.tables().refresh(e.pam, t.id());

        assertThat(run.status()).as(run.message()).isEqualTo(RefreshStatus.SUCCEEDED);
        assertThat(run.counts().added()).isEqualTo(4);
        assertThat(e.sf.fake.tokenRequests()).isEqualTo(1);
    }

    @Test
    void aRotatedRefreshTokenIsKeptForTheNextRefresh() {
        Connection c = e.connect();
        ConnectedTable t = e.accounts(c, "Accounts", Filter.all());
        e.sf.fake.faults().rotateRefreshTokens(true).expireAccessTokens();
        assertThat(e.sdk.tables().refresh(e.pam, t.id()).status()).isEqualTo(RefreshStatus.SUCCEEDED);

        e.sf.fake.faults().expireAccessTokens();
        RefreshRun second = e.sdk.tables().refresh(e.pam, t.id());

        assertThat(second.status()).as(second.message()).isEqualTo(RefreshStatus.SUCCEEDED);
        assertThat(e.sf.fake.tokenRequests()).isEqualTo(3);
    }

    @Test
    void aBriefOutageIsRetriedAndTheRefreshSucceeds() {
        Connection c = e.connect();
        ConnectedTable t = e.accounts(c, "Accounts", Filter.all());
        e.sf.fake.faults().unavailable(2);

        RefreshRun run = e.sdk.tables().refresh(e.pam, t.id());

        assertThat(run.status()).as(run.message()).isEqualTo(RefreshStatus.SUCCEEDED);
        assertThat(run.apiCalls()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aFailedBulkJobFailsTheRefreshAndLeavesTheTableUnchanged() {
        Connection c = e.connect(Map.of("bulkThreshold", "1"));
        ConnectedTable t = e.accounts(c, "Accounts", Filter.all());
        e.sf.fake.faults().failBulkJobs(true);

        RefreshRun run = e.sdk.tables().refresh(e.pam, t.id());

        assertThat(run.status()).isEqualTo(RefreshStatus.FAILED);
        assertThat(run.failureKind()).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(run.message()).contains("Bulk API query job ended Failed");
        assertThat(e.rows(t.id())).isEmpty();
    }

    @Test
    void aBodySlowerThanTheCallTimeoutFailsTheRefreshAndLeavesTheTableUnchanged() {
        e.close();
        e = new EngineFixture(b -> b.httpCallTimeout(Duration.ofSeconds(2)));
        Connection c = e.connect();
        ConnectedTable t = e.accounts(c, "Accounts", Filter.all());
        e.sdk.tables().refresh(e.pam, t.id());
        List<List<Object>> before = e.rows(t.id());
        changeEveryAccount();
        e.sf.fake.faults().slowBodies(16, Duration.ofSeconds(1));

        RefreshRun run = e.sdk.tables().refresh(e.pam, t.id());

        assertThat(run.status()).isEqualTo(RefreshStatus.FAILED);
        assertThat(run.failureKind()).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(e.rows(t.id())).isEqualTo(before);
    }

    private void changeEveryAccount() {
        e.sf.clock.advance(Duration.ofMinutes(1));
        for (String id : e.sf.accountIds) {
            e.sf.fake.update("Account", id, Map.of("Name", "Changed " + id));
        }
        e.sf.clock.advance(Duration.ofMinutes(1));
    }
}

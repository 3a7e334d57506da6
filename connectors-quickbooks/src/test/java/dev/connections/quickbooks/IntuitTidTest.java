package dev.connections.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.FailureKind;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshStatus;
import dev.connections.api.TableUpdates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every QuickBooks error is logged with its intuit_tid, as the connector's documentation promises: the ones the
 * engine's HTTP support rides out (a 401 it refreshes the token after, a 429 it retries) too, and the token
 * endpoint's refusals quote it in their message.
 */
class IntuitTidTest {

    /** Longer than a change data capture answer is shared, so that each refresh calls QuickBooks. */
    private static final Duration STEP = Duration.ofMinutes(3);
    private static final Path LOG = Path.of("target/connectors-quickbooks-tests.log");

    private final SdkFixture e = new SdkFixture(1);
    private ConnectedTable table;

    @BeforeEach
    void refreshOnce() {
        Connection c = e.connect(e.pam, "Pam's books");
        e.company.insert("Customer", Map.of("DisplayName", "Amy's Bird Sanctuary"));
        table = e.table(e.pam, c, "Customers", "Customer", TableUpdates.REMOVE, "Id", "DisplayName");
        assertThat(e.sdk.tables().refresh(e.pam, table.id()).status()).isEqualTo(RefreshStatus.SUCCEEDED);
        e.clock.advance(STEP);
    }

    @AfterEach
    void close() {
        e.close();
    }

    private static String log() throws IOException {
        return Files.readString(LOG, StandardCharsets.UTF_8);
    }

    @Test
    void aThrottledAnswerThatIsRetriedIsLoggedWithItsIntuitTid() throws IOException {
        e.fake.throttleNext(1);

        assertThat(e.sdk.tables().refresh(e.pam, table.id()).status()).isEqualTo(RefreshStatus.SUCCEEDED);

        List<String> tids = e.fake.intuitTids(429);
        assertThat(tids).hasSize(1);
        assertThat(log()).containsPattern("-> 429 \\[intuit_tid " + tids.get(0) + "\\]: retrying in");
    }

    @Test
    void aRejectedAccessTokenIsLoggedWithItsIntuitTidBeforeTheRefresh() throws IOException {
        e.fake.expireAccessTokens();

        assertThat(e.sdk.tables().refresh(e.pam, table.id()).status()).isEqualTo(RefreshStatus.SUCCEEDED);

        List<String> tids = e.fake.intuitTids(401);
        assertThat(tids).hasSize(1);
        assertThat(log()).containsPattern("-> 401 \\[intuit_tid " + tids.get(0) + "\\]: refreshing the access token");
    }

    @Test
    void aRefusedRefreshTokenIsReportedWithTheTokenEndpointsIntuitTid() throws IOException {
        e.clock.advance(Duration.ofDays(102));

        RefreshRun run = e.sdk.tables().refresh(e.pam, table.id());

        assertThat(run.failureKind()).isEqualTo(FailureKind.AUTHENTICATION);
        List<String> tids = e.fake.intuitTids(400);
        assertThat(tids).hasSize(1);
        assertThat(run.message()).contains("invalid_grant", "(intuit_tid " + tids.get(0) + ")");
        assertThat(log()).contains("-> 400 [intuit_tid " + tids.get(0) + "]");
    }
}

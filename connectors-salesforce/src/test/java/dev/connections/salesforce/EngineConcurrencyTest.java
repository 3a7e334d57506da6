package dev.connections.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.Filter;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many tables on one connection share its tokens: an expired access token is refreshed once for all of them. */
class EngineConcurrencyTest {

    private final EngineFixture e = new EngineFixture(b -> b.refreshThreads(50));

    @AfterEach
    void close() {
        e.close();
    }

    @Test
    void fiftyConcurrentRefreshesOnAConnectionWithAnExpiredTokenMakeOneTokenRequest() {
        Connection c = e.connect();
        List<ConnectedTable> tables = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tables.add(e.accounts(c, "Accounts " + i, Filter.all()));
        }
        e.sf.fake.faults().expireAccessTokens();
        e.sf.fake.resetCounters();

        List<CompletableFuture<RefreshRun>> runs = tables.stream()
                .map(t -> e.sdk.tables().refreshAsync(e.pam, t.id())).toList();
        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();

        assertThat(runs).allSatisfy(run -> assertThat(run.join().status()).as(run.join().message())
                .isEqualTo(RefreshStatus.SUCCEEDED));
        assertThat(e.sf.fake.tokenRequests()).isEqualTo(1);
        assertThat(tables).allSatisfy(t -> assertThat(e.rows(t.id())).hasSize(4));
    }
}

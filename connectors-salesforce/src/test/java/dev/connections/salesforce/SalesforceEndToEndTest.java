package dev.connections.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.ConnectionStatus;
import dev.connections.api.Filter;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The whole flow through the SDK against the fake: authorize, table, refresh, change, incremental refresh. */
class SalesforceEndToEndTest {

    private final EngineFixture e = new EngineFixture();

    @AfterEach
    void close() {
        e.close();
    }

    @Test
    void authorizationMakesAnActiveConnectionToTheOrg() {
        Connection c = e.connect();

        assertThat(c.status()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(c.account()).isEqualTo(e.sf.fake.orgId());
        assertThat(c.service()).isEqualTo("salesforce");
        assertThat(e.sdk.connections().objects(e.pam, c.id())).extracting(o -> o.name()).containsExactly("Account");
    }

    @Test
    void firstRefreshIsFullAndTheNextReadsOnlyTheChanges() {
        Connection c = e.connect();
        ConnectedTable t = e.accounts(c, "Big accounts", Filter.field("AnnualRevenue").greaterThan(1000));

        RefreshRun first = e.sdk.tables().refresh(e.pam, t.id());
        assertThat(first.status()).isEqualTo(RefreshStatus.SUCCEEDED);
        assertThat(first.mode()).isEqualTo(RefreshRun.Mode.FULL);
        assertThat(first.counts().added()).isEqualTo(2);

        e.sf.clock.advance(Duration.ofMinutes(5));
        List<String> ids = e.sf.accountIds;
        e.sf.fake.update("Account", ids.get(1), Map.of("AnnualRevenue", new BigDecimal("5000")));
        e.sf.fake.update("Account", ids.get(2), Map.of("AnnualRevenue", new BigDecimal("10")));
        e.sf.fake.delete("Account", ids.get(0));
        e.sf.clock.advance(Duration.ofMinutes(5));

        RefreshRun second = e.sdk.tables().refresh(e.pam, t.id());
        assertThat(second.status()).as(second.message()).isEqualTo(RefreshStatus.SUCCEEDED);
        assertThat(second.mode()).isEqualTo(RefreshRun.Mode.INCREMENTAL);
        assertThat(second.counts().added()).isEqualTo(1);
        assertThat(second.counts().removed()).isEqualTo(2);
        assertThat(e.rows(t.id())).extracting(r -> r.get(0)).containsExactly(ids.get(1));
    }
}

package dev.connections.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.connections.api.AuthorizationRequest;
import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.ConnectionStatus;
import dev.connections.api.Filter;
import dev.connections.api.ReadMode;
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
        assertThat(first.mode()).isEqualTo(ReadMode.FULL);
        assertThat(first.counts().added()).isEqualTo(2);

        e.sf.clock.advance(Duration.ofMinutes(5));
        List<String> ids = e.sf.accountIds;
        e.sf.fake.update("Account", ids.get(1), Map.of("AnnualRevenue", new BigDecimal("5000")));
        e.sf.fake.update("Account", ids.get(2), Map.of("AnnualRevenue", new BigDecimal("10")));
        e.sf.fake.delete("Account", ids.get(0));
        e.sf.clock.advance(Duration.ofMinutes(5));

        RefreshRun second = e.sdk.tables().refresh(e.pam, t.id());
        assertThat(second.status()).as(second.message()).isEqualTo(RefreshStatus.SUCCEEDED);
        assertThat(second.mode()).isEqualTo(ReadMode.INCREMENTAL);
        assertThat(second.counts().added()).isEqualTo(1);
        assertThat(second.counts().removed()).isEqualTo(2);
        assertThat(e.rows(t.id())).extracting(r -> r.get(0)).containsExactly(ids.get(1));
    }

    @Test
    void aConnectionWhoseRefreshTokenWasRefusedIsReauthorizedAndKeepsItsTables() {
        Connection c = e.connect();
        ConnectedTable t = e.accounts(c, "Accounts", Filter.all());
        e.sf.fake.faults().invalidGrantOnRefresh(true).expireAccessTokens();
        assertThat(e.sdk.tables().refresh(e.pam, t.id()).status()).isEqualTo(RefreshStatus.FAILED);
        e.sf.fake.faults().clear();

        AuthorizationRequest again = e.sdk.connections().reauthorize(e.pam, c.id());
        Connection reauthorized = e.sdk.connections().completeAuthorization(e.pam,
                e.callback(again.authorizationUrl()));

        assertThat(reauthorized.id()).isEqualTo(c.id());
        assertThat(reauthorized.status()).isEqualTo(ConnectionStatus.ACTIVE);
        RefreshRun run = e.sdk.tables().refresh(e.pam, t.id());
        assertThat(run.status()).as(run.message()).isEqualTo(RefreshStatus.SUCCEEDED);
        assertThat(e.rows(t.id())).hasSize(4);
    }

    @Test
    void deletingTheConnectionRevokesItsRefreshToken() {
        Connection c = e.connect();

        e.sdk.connections().delete(e.pam, c.id());

        assertThat(e.sf.fake.requests("/services/oauth2/revoke")).isEqualTo(1);
    }

    @Test
    void aDeniedAuthorizationMakesNoConnection() {
        AuthorizationRequest request = e.sdk.connections().authorize(e.pam, "salesforce", "Denied", Map.of());
        e.sf.fake.faults().denyNextAuthorization();

        Throwable refused = catchThrowable(() -> e.sdk.connections().completeAuthorization(e.pam,
                e.callback(request.authorizationUrl())));

        assertThat(refused).isNotNull().hasMessageContaining("access_denied");
        assertThat(e.sdk.connections().list(e.pam)).isEmpty();
        assertThat(e.sf.fake.tokenRequests()).isZero();
    }
}

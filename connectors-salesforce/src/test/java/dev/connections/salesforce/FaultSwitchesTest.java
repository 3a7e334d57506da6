package dev.connections.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.connections.api.FieldType;
import dev.connections.api.Filter;
import dev.connections.api.ReadMode;
import dev.connections.api.SourceField;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorException.Kind;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.Cursor;
import dev.connections.spi.ReadRequest;
import dev.connections.tck.CollectingSink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each fault switch of the fake Salesforce gives the connector's documented outcome. */
class FaultSwitchesTest {

    private static final List<String> FIELDS = List.of("Id", "Name", "AnnualRevenue");

    private final SalesforceFixture f = SalesforceFixture.withAccounts();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void anExpiredAccessTokenIsRefreshedOnceAndTheReadSucceeds() {
        f.fake.faults().expireAccessTokens();
        try (ConnectorSession s = f.open()) {
            CollectingSink sink = new CollectingSink();
            s.read(Reads.full(s, "Account", FIELDS, Filter.all()), sink);

            assertThat(sink.rows()).hasSize(4);
        }
        assertThat(f.tokens.refreshes()).isEqualTo(1);
        assertThat(f.fake.tokenRequests()).isEqualTo(1);
    }

    @Test
    void aRefusedRefreshTokenFailsWithAuthentication() {
        f.fake.faults().invalidGrantOnRefresh(true).expireAccessTokens();
        try (ConnectorSession s = f.open()) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class, s::test);

            assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
            assertThat(e.getMessage()).contains("reauthorize");
        }
    }

    @Test
    void apiDisabledFailsTheTestWithPermissionNamingBothCauses() {
        f.fake.faults().apiDisabled(true);
        try (ConnectorSession s = f.open()) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class, s::test);

            assertThat(e.kind()).isEqualTo(Kind.PERMISSION);
            assertThat(e.getMessage()).contains("The REST API is not enabled for this Organization.")
                    .contains("API_DISABLED_FOR_ORG").contains("edition").contains("\"API Enabled\" permission");
        }
    }

    @Test
    void theDailyLimitFailsWithRateLimitedCarryingSalesforcesMessage() {
        f.fake.faults().dailyLimitExceeded(true);
        try (ConnectorSession s = f.open()) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class,
                    () -> s.read(new ReadRequest("Account", List.of(SourceField.of("Id", FieldType.TEXT)),
                            List.of("Id"), Filter.all(), ReadMode.FULL, null), new CollectingSink()));

            assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
            assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(1));
            assertThat(e.getMessage()).contains("TotalRequests Limit exceeded.").contains("REQUEST_LIMIT_EXCEEDED")
                    .contains("daily API allocation");
        }
    }

    @Test
    void aFewServiceUnavailableAnswersAreRetriedByTheHttpSupport() {
        f.fake.faults().unavailable(2);
        try (ConnectorSession s = f.open()) {
            assertThat(s.test().id()).isEqualTo(f.fake.orgId());
        }
    }

    @Test
    void serviceUnavailableBeyondTheRetriesFailsWithUnavailable() {
        f.fake.faults().unavailable(100);
        try (ConnectorSession s = f.open()) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class, s::objects);

            assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
            assertThat(e.getMessage()).contains("HTTP 503").contains("SERVER_UNAVAILABLE");
        }
    }

    @Test
    void aCutOffQueryPageFailsWithUnavailable() {
        try (ConnectorSession s = f.open()) {
            ReadRequest request = Reads.full(s, "Account", FIELDS, Filter.all());
            f.fake.faults().cutOffBodies(1);
            ConnectorException e = catchThrowableOfType(ConnectorException.class,
                    () -> s.read(request, new CollectingSink()));

            assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
            assertThat(e.getMessage()).contains("broke off");
        }
    }

    @Test
    void aCutOffBulkResultFailsWithUnavailable() {
        try (ConnectorSession s = f.open(Map.of("bulkThreshold", "1"))) {
            ReadRequest request = Reads.full(s, "Account", FIELDS, Filter.all());
            f.fake.faults().cutOffBodies(100);
            ConnectorException e = catchThrowableOfType(ConnectorException.class,
                    () -> s.read(request, new CollectingSink()));

            assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        }
    }

    @Test
    void aSlowBodyWithinTheReadTimeoutIsReadWhole() {
        try (ConnectorSession s = f.open()) {
            f.fake.faults().slowBodies(64, Duration.ofMillis(1));
            CollectingSink sink = new CollectingSink();
            s.read(Reads.full(s, "Account", FIELDS, Filter.all()), sink);

            assertThat(sink.rows()).hasSize(4);
        }
    }

    @Test
    void aFieldRemovedFromTheOrgFailsAFullReadWithNotFoundNamingIt() {
        try (ConnectorSession s = f.open()) {
            ReadRequest request = Reads.full(s, "Account", FIELDS, Filter.all());
            f.fake.removeField("Account", "AnnualRevenue");
            ConnectorException e = catchThrowableOfType(ConnectorException.class,
                    () -> s.read(request, new CollectingSink()));

            assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
            assertThat(e.getMessage()).contains("'AnnualRevenue'").contains("update the table's fields");
        }
    }

    @Test
    void aFieldRemovedFromTheOrgFailsAnIncrementalReadWithNotFoundNamingIt() {
        try (ConnectorSession s = f.open()) {
            ReadRequest full = Reads.full(s, "Account", FIELDS, Filter.all());
            Cursor cursor = s.read(full, new CollectingSink()).next();
            f.fake.removeField("Account", "AnnualRevenue");
            ReadRequest incremental = new ReadRequest("Account", full.fields(), List.of("Id"), Filter.all(),
                    ReadMode.INCREMENTAL, cursor);
            ConnectorException e = catchThrowableOfType(ConnectorException.class,
                    () -> s.read(incremental, new CollectingSink()));

            assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
            assertThat(e.getMessage()).contains("'AnnualRevenue'").contains("update the table's fields")
                    .contains("No such column 'AnnualRevenue' on entity 'Account'");
        }
    }

    @Test
    void salesforcesQueryErrorWithItsCaretDiagramComesOutOnOneLine() {
        try (ConnectorSession s = f.open()) {
            ReadRequest full = Reads.full(s, "Account", FIELDS, Filter.all());
            Cursor cursor = s.read(full, new CollectingSink()).next();
            f.fake.removeField("Account", "AnnualRevenue");
            ReadRequest incremental = new ReadRequest("Account", full.fields(), List.of("Id"), Filter.all(),
                    ReadMode.INCREMENTAL, cursor);
            ConnectorException e = catchThrowableOfType(ConnectorException.class,
                    () -> s.read(incremental, new CollectingSink()));

            assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r")
                    .contains("FROM Account WHERE SystemModstamp > ")
                    .containsPattern("[^ ] \\^ ERROR at Row:1:Column:\\d+ No such column 'AnnualRevenue'");
        }
    }

    @Test
    void aFailedBulkJobFailsWithUnavailableCarryingItsMessage() {
        try (ConnectorSession s = f.open(Map.of("bulkThreshold", "1"))) {
            ReadRequest request = Reads.full(s, "Account", FIELDS, Filter.all());
            f.fake.faults().failBulkJobs(true);
            ConnectorException e = catchThrowableOfType(ConnectorException.class,
                    () -> s.read(request, new CollectingSink()));

            assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
            assertThat(e.getMessage()).contains("ended Failed").contains("failed this job on purpose");
        }
    }

    @Test
    void anUnknownObjectFailsWithNotFoundNamingIt() {
        try (ConnectorSession s = f.open()) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> s.describe("Invoice__c"));

            assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
            assertThat(e.getMessage()).contains("'Invoice__c'");
        }
    }
}

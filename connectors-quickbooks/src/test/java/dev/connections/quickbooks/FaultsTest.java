package dev.connections.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.connections.api.Filter;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorSession;
import dev.connections.tck.CollectingSink;
import dev.connections.tck.TestConnectorContext;
import dev.connections.tck.TestTokens;
import java.time.Duration;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What QuickBooks's errors become: the kind the engine acts on and a message the connection's owner can act on. */
class FaultsTest {

    private final QuickBooksFixture qbo = new QuickBooksFixture();

    @AfterEach
    void close() {
        qbo.close();
    }

    @Test
    void bothJsonEnvelopesAndTheXmlBodyAreRead() {
        assertThat(Faults.parse("{\"fault\":{\"error\":[{\"message\":\"message=AuthenticationFailed; "
                + "errorCode=003200; statusCode=401\",\"detail\":\"Token expired\",\"code\":\"3200\"}],"
                + "\"type\":\"AUTHENTICATION\"}}").text())
                .isEqualTo("AuthenticationFailed: Token expired (code 3200)");
        assertThat(Faults.parse("{\"Fault\":{\"Error\":[{\"Message\":\"Error parsing query\",\"Detail\":"
                + "\"QueryParserError: Encountered OR\",\"code\":\"4000\"}],\"type\":\"ValidationFault\"},"
                + "\"time\":\"2026-03-02T09:00:00.000-08:00\"}").text())
                .isEqualTo("Error parsing query: QueryParserError: Encountered OR (code 4000)");
        assertThat(Faults.parse("<?xml version=\"1.0\"?><IntuitResponse><Fault type=\"ThrottleExceeded\">"
                + "<Error code=\"003001\"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429"
                + "</Message><Detail>The request limit was reached.</Detail></Error></Fault></IntuitResponse>").text())
                .isEqualTo("ThrottleExceeded: The request limit was reached. (code 003001)");
        assertThat(Faults.parse("<html>Bad gateway</html>").text()).isEqualTo("no details");
    }

    @Test
    void aFaultWithLineBreaksComesOutOnOneLine() {
        assertThat(Faults.parse("<IntuitResponse><Fault type=\"ValidationFault\"><Error code=\"4000\">"
                + "<Message>Error parsing query</Message><Detail>QueryParserError:\n  Encountered \"OR\"\r\n"
                + "  at line 1</Detail></Error></Fault></IntuitResponse>").text())
                .isEqualTo("Error parsing query: QueryParserError: Encountered \"OR\" at line 1 (code 4000)");
    }

    @Test
    void aRejectedQueryIsAConfigurationFailureQuotingQuickBooksAndTheIntuitTid() {
        Response response = new Response.Builder().request(new Request.Builder().url("http://127.0.0.1/q").build())
                .protocol(Protocol.HTTP_1_1).code(400).message("Bad Request").header("intuit_tid", "1-abc")
                .body(ResponseBody.create("{\"Fault\":{\"Error\":[{\"Message\":\"Error parsing query\",\"Detail\":"
                        + "\"QueryParserError: Encountered OR\",\"code\":\"4000\"}],\"type\":\"ValidationFault\"}}",
                        MediaType.get("application/json"))).build();

        ConnectorException e = Faults.from(response, "reading Customer");

        assertThat(e.kind()).isEqualTo(ConnectorException.Kind.CONFIGURATION);
        assertThat(e.getMessage()).isEqualTo("QuickBooks rejected the request while reading Customer (HTTP 400): "
                + "Error parsing query: QueryParserError: Encountered OR (code 4000). (QuickBooks intuit_tid 1-abc)");
    }

    @Test
    void aUserWhoIsNotACompanyAdministratorGetsAPermissionFailureThatSaysSo() {
        qbo.company.administrator(false);
        ConnectorException e = failure(ConnectorSession::test);

        assertThat(e.kind()).isEqualTo(ConnectorException.Kind.PERMISSION);
        assertThat(e.getMessage()).contains("the QuickBooks user must be a company administrator (or the app lacks "
                + "the accounting scope)").contains("(code 3100)").contains("intuit_tid 1-");
    }

    @Test
    void anExpiredAccessTokenIsRefreshedOnceAndTheCallMadeAgain() {
        qbo.fake.expireAccessTokens();
        try (ConnectorSession session = qbo.open()) {
            assertThat(session.test().displayName()).isEqualTo("Craig's Design and Landscaping Services");
        }
        assertThat(qbo.tokens.refreshes()).isEqualTo(1);
        assertThat(qbo.fake.tokenRequests()).isEqualTo(1);
    }

    @Test
    void credentialsRefusedAfterARefreshAreAnAuthenticationFailure() {
        TestConnectorContext context = qbo.context(qbo.connection, qbo.settings(), TestTokens.sequence("not-a-token"));
        ConnectorException e;
        try (ConnectorSession session = qbo.connector.open(context)) {
            e = catchThrowableOfType(ConnectorException.class, session::test);
        }
        assertThat(e.kind()).isEqualTo(ConnectorException.Kind.AUTHENTICATION);
        assertThat(e.getMessage()).contains("reauthorize the connection").contains("code 3200")
                .doesNotContain("not-a-token");
    }

    @Test
    void throttlingWithAnXmlBodyIsWaitedOutAMinuteAtATime() {
        qbo.fake.throttleNext(2);
        try (ConnectorSession session = qbo.open()) {
            session.read(qbo.full("Customer", Filter.all(), "Id"), new CollectingSink());
        }
        assertThat(qbo.waits).containsExactly(Duration.ofSeconds(60), Duration.ofSeconds(60));
    }

    @Test
    void throttlingThatOutlastsTheRetriesIsRateLimitedWithAMinuteToWait() {
        qbo.fake.throttleNext(10);
        ConnectorException e = failure(s -> s.read(qbo.full("Customer", Filter.all(), "Id"), new CollectingSink()));

        assertThat(e.kind()).isEqualTo(ConnectorException.Kind.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(e.getMessage()).contains("throttling", "ThrottleExceeded", "003001");
        assertThat(qbo.waits).hasSize(4);
    }

    @Test
    void aServerErrorIsUnavailable() {
        qbo.fake.failNext(1);
        ConnectorException e = failure(ConnectorSession::test);

        assertThat(e.kind()).isEqualTo(ConnectorException.Kind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("HTTP 500", "code 10000", "intuit_tid");
    }

    @Test
    void aConnectionNeverAuthorizedNamesTheMissingCompany() {
        TestConnectorContext context = qbo.context(qbo.connection, Map.of(), qbo.tokens);
        ConnectorException e;
        try (ConnectorSession session = qbo.connector.open(context)) {
            e = catchThrowableOfType(ConnectorException.class, session::test);
        }
        assertThat(e.kind()).isEqualTo(ConnectorException.Kind.CONFIGURATION);
        assertThat(e.getMessage()).contains("realmId", "authorize");
    }

    private interface Call {
        void on(ConnectorSession session);
    }

    private ConnectorException failure(Call call) {
        try (ConnectorSession session = qbo.open()) {
            return catchThrowableOfType(ConnectorException.class, () -> call.on(session));
        }
    }
}

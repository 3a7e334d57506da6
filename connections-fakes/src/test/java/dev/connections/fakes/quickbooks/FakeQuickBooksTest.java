package dev.connections.fakes.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake answers as the wire facts of QuickBooks Online say. */
class FakeQuickBooksTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T17:00:00Z"));
    private final OkHttpClient http = new OkHttpClient.Builder().followRedirects(false).build();
    private FakeQuickBooks qbo;
    private FakeCompany company;
    private String accessToken;

    @BeforeEach
    void start() {
        qbo = FakeQuickBooks.start(clock);
        company = qbo.addCompany("4620816365", "Sandbox Company_US_1");
        accessToken = qbo.issueTokens("4620816365").accessToken();
    }

    @AfterEach
    void stop() {
        qbo.close();
    }

    @Test
    void queryPagesWithStartPositionAndMaxResultsAndOmitsAbsentProperties() throws IOException {
        for (int i = 1; i <= 5; i++) {
            company.insert("Customer", i == 3 ? Map.of("DisplayName", "C" + i)
                    : Map.of("DisplayName", "C" + i, "Balance", new BigDecimal(i * 10 + ".50")));
        }
        String page = get("/query", "query", "SELECT * FROM Customer ORDERBY Id STARTPOSITION 2 MAXRESULTS 2");
        assertThat(page).contains("\"startPosition\":2", "\"maxResults\":2", "\"DisplayName\":\"C2\"",
                "\"DisplayName\":\"C3\"", "\"Balance\":20.50").doesNotContain("C1", "C4");
        assertThat(page.substring(page.indexOf("C3"))).doesNotContain("\"Balance\":30");
        assertThat(get("/query", "query", "SELECT * FROM Customer STARTPOSITION 6 MAXRESULTS 2"))
                .startsWith("{\"QueryResponse\":{},\"time\":");
        assertThat(get("/query", "query", "select count(*) from Customer where Balance > 20"))
                .contains("\"totalCount\":3");
    }

    @Test
    void queryWhereSupportsComparisonsInLikeAndEscapedQuotes() throws IOException {
        company.insert("Customer", Map.of("DisplayName", "Amy's Bird Sanctuary", "Active", true,
                "CurrencyRef", Map.of("value", "USD", "name", "United States Dollar")));
        company.insert("Customer", Map.of("DisplayName", "Bill's Windsurf Shop", "Active", false,
                "CurrencyRef", Map.of("value", "EUR")));
        assertThat(get("/query", "query", "SELECT * FROM Customer WHERE DisplayName = 'Amy\\'s bird sanctuary'"))
                .contains("Amy's").doesNotContain("Bill");
        assertThat(get("/query", "query", "SELECT * FROM Customer WHERE DisplayName LIKE '%windsurf%' "
                + "AND Active = false")).contains("Bill").doesNotContain("Amy");
        assertThat(get("/query", "query", "SELECT * FROM Customer WHERE CurrencyRef IN ('EUR', 'GBP')"))
                .contains("Bill").doesNotContain("Amy");
        assertThat(get("/query", "query", "SELECT * FROM Customer WHERE MetaData.LastUpdatedTime >= "
                + "'2026-03-02T17:00:00+00:00'")).contains("Bill", "Amy");
    }

    @Test
    void queryWithOrOrTooLargeAPageIsAParseErrorInTheCapitalisedEnvelope() throws IOException {
        try (Response r = call("/query", "query", "SELECT * FROM Customer WHERE Id = '1' OR Id = '2'")) {
            assertThat(r.code()).isEqualTo(400);
            assertThat(r.header("intuit_tid")).isNotBlank();
            assertThat(r.body().string()).contains("\"Fault\":{\"Error\":[{\"Message\":\"Error parsing query\"",
                    "\"code\":\"4000\"");
        }
        try (Response r = call("/query", "query", "SELECT * FROM Customer MAXRESULTS 1001")) {
            assertThat(r.code()).isEqualTo(400);
        }
    }

    @Test
    void changeDataCaptureReportsChangesAndDeletionsSinceAnInstant() throws IOException {
        String kept = company.insert("Customer", Map.of("DisplayName", "Kept"));
        String gone = company.insert("Customer", Map.of("DisplayName", "Gone"));
        company.insert("Invoice", Map.of("TotalAmt", new BigDecimal("100.00")));
        clock.advance(Duration.ofMinutes(5));
        company.update("Customer", kept, Map.of("DisplayName", "Kept, renamed"));
        company.delete("Customer", gone);

        String answer = get("/cdc", "entities", "Customer,Invoice", "changedSince", "2026-03-02T17:01:00Z");

        assertThat(answer).contains("Kept, renamed", "{\"domain\":\"QBO\",\"status\":\"Deleted\",\"Id\":\"" + gone
                + "\"").doesNotContain("Invoice");
        assertThat(get("/cdc", "entities", "Invoice", "changedSince", "2026-03-02T17:10:00Z"))
                .startsWith("{\"CDCResponse\":[{\"QueryResponse\":[{}]}]");
    }

    @Test
    void changeDataCaptureAnswersAtMostAThousandObjectsAndLooksBackThirtyDays() throws IOException {
        for (int i = 0; i < 1005; i++) {
            company.insert("Item", Map.of("Name", "item " + i));
        }
        String answer = get("/cdc", "entities", "Item", "changedSince", "2026-03-01T00:00:00Z");
        assertThat(answer).contains("\"maxResults\":1000");
        try (Response r = call("/cdc", "entities", "Item", "changedSince", "2026-01-15T00:00:00Z")) {
            assertThat(r.code()).isEqualTo(400);
        }
    }

    @Test
    void anExpiredTokenGetsTheLowerCaseEnvelopeAndABearerChallenge() throws IOException {
        qbo.expireAccessTokens();
        try (Response r = call("/companyinfo/4620816365")) {
            assertThat(r.code()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).contains("invalid_token");
            assertThat(r.body().string()).contains("\"fault\":{\"error\":[{\"message\"", "\"code\":\"3200\"");
        }
    }

    @Test
    void aUserWhoIsNoAdministratorIsRefusedWithCode3100() throws IOException {
        company.administrator(false);
        try (Response r = call("/companyinfo/4620816365")) {
            assertThat(r.code()).isEqualTo(403);
            assertThat(r.body().string()).contains("\"code\":\"3100\"");
        }
    }

    @Test
    void throttlingAnswersXmlAndServerErrorsCountDown() throws IOException {
        qbo.throttleNext(1);
        qbo.failNext(1);
        try (Response r = call("/companyinfo/4620816365")) {
            assertThat(r.code()).isEqualTo(429);
            assertThat(r.body().string()).startsWith("<?xml").contains("ThrottleExceeded");
        }
        try (Response r = call("/companyinfo/4620816365")) {
            assertThat(r.code()).isEqualTo(500);
        }
        assertThat(get("/companyinfo/4620816365")).contains("\"CompanyName\":\"Sandbox Company_US_1\"");
        assertThat(qbo.apiRequests()).isEqualTo(3);
        assertThat(qbo.maxInFlight()).isEqualTo(1);
    }

    @Test
    void authorizationRedirectsWithCodeStateAndRealmAndTheCodeBuysRotatingTokens() throws IOException {
        HttpUrl authorize = HttpUrl.get(qbo.authorizationEndpoint()).newBuilder()
                .addQueryParameter("client_id", qbo.clientId()).addQueryParameter("response_type", "code")
                .addQueryParameter("scope", "com.intuit.quickbooks.accounting")
                .addQueryParameter("redirect_uri", "https://host.example/callback")
                .addQueryParameter("state", "s1").build();
        HttpUrl back;
        try (Response r = http.newCall(new Request.Builder().url(authorize).build()).execute()) {
            assertThat(r.code()).isEqualTo(302);
            back = HttpUrl.get(r.header("Location"));
        }
        assertThat(back.queryParameter("state")).isEqualTo("s1");
        assertThat(back.queryParameter("realmId")).isEqualTo("4620816365");

        String first = token(new FormBody.Builder().add("grant_type", "authorization_code")
                .add("code", back.queryParameter("code")).add("redirect_uri", "https://host.example/callback").build());
        assertThat(first).contains("\"token_type\":\"bearer\"", "\"expires_in\":3600",
                "\"x_refresh_token_expires_in\":8726400");
        String oldRefresh = field(first, "refresh_token");
        String second = token(refresh(oldRefresh));
        assertThat(field(second, "refresh_token")).isNotEqualTo(oldRefresh)
                .isEqualTo(qbo.latestRefreshToken("4620816365").orElseThrow());

        clock.advance(Duration.ofHours(23));
        assertThat(token(refresh(oldRefresh))).contains("access_token");
        clock.advance(Duration.ofHours(2));
        try (Response r = http.newCall(tokenRequest(refresh(oldRefresh))).execute()) {
            assertThat(r.code()).isEqualTo(400);
            assertThat(r.body().string()).contains("\"error\":\"invalid_grant\"");
        }
        assertThat(qbo.tokenRequests()).isEqualTo(4);
    }

    @Test
    void revocationTakesAJsonBodyAndEndsTheGrant() throws IOException {
        FakeQuickBooks.Tokens tokens = qbo.issueTokens("4620816365");
        Request revoke = new Request.Builder().url(HttpUrl.get(qbo.revocationEndpoint()))
                .header("Authorization", basic())
                .post(RequestBody.create("{\"token\":\"" + tokens.refreshToken() + "\"}",
                        MediaType.get("application/json"))).build();
        try (Response r = http.newCall(revoke).execute()) {
            assertThat(r.code()).isEqualTo(200);
        }
        try (Response r = http.newCall(tokenRequest(refresh(tokens.refreshToken()))).execute()) {
            assertThat(r.code()).isEqualTo(400);
        }
        assertThat(tokens.toString()).doesNotContain(tokens.refreshToken());
    }

    @Test
    void entityNamesAreCaseSensitive() throws IOException {
        try (Response r = call("/query", "query", "SELECT * FROM customer")) {
            assertThat(r.code()).isEqualTo(400);
        }
        assertThat(List.copyOf(qbo.queries())).containsExactly("SELECT * FROM customer");
    }

    private String get(String resource, String... query) throws IOException {
        try (Response r = call(resource, query)) {
            assertThat(r.code()).as("status of %s", resource).isEqualTo(200);
            assertThat(r.header("intuit_tid")).isNotBlank();
            return r.body().string();
        }
    }

    private Response call(String resource, String... query) throws IOException {
        HttpUrl.Builder url = HttpUrl.get(qbo.baseUrl() + "/v3/company/4620816365" + resource).newBuilder()
                .addQueryParameter("minorversion", "75");
        for (int i = 0; i < query.length; i += 2) {
            url.addQueryParameter(query[i], query[i + 1]);
        }
        return http.newCall(new Request.Builder().url(url.build()).header("Accept", "application/json")
                .header("Authorization", "Bearer " + accessToken).build()).execute();
    }

    private String token(FormBody form) throws IOException {
        try (Response r = http.newCall(tokenRequest(form)).execute()) {
            assertThat(r.code()).isEqualTo(200);
            return r.body().string();
        }
    }

    private Request tokenRequest(FormBody form) {
        return new Request.Builder().url(HttpUrl.get(qbo.tokenEndpoint())).header("Authorization", basic())
                .post(form).build();
    }

    private static FormBody refresh(String token) {
        return new FormBody.Builder().add("grant_type", "refresh_token").add("refresh_token", token).build();
    }

    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((qbo.clientId() + ":" + qbo.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static String field(String json, String name) {
        return (String) ((Map<String, Object>) Json.read(json)).get(name);
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

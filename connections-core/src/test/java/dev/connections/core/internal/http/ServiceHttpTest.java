package dev.connections.core.internal.http;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connections.api.ConnectionId;
import dev.connections.http.HttpPolicyProvider;
import dev.connections.http.ServiceHttp;
import dev.connections.http.Sleeper;
import dev.connections.spi.Connector;
import dev.connections.spi.ConnectorContext;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorSession;
import dev.connections.tck.MutableClock;
import dev.connections.tck.TestConnectorContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Guarantee 7: transient faults are retried, bounded in attempts and time; permanent ones are not. */
class ServiceHttpTest {

    @StartStop
    final MockWebServer server = new MockWebServer();

    /** Where a hostile or misconfigured service redirects to. */
    @StartStop
    final MockWebServer elsewhere = new MockWebServer();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-28T10:00:00Z"));
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final HttpSupport support = new HttpSupport(Duration.ofSeconds(10), Map.of(), d -> {
        waits.add(d);
        clock.advance(d);
    }, clock);
    private final TestConnectorContext context = new TestConnectorContext(ConnectionId.of("c-1"), Map.of(), clock);

    @AfterEach
    void tearDown() {
        support.close();
    }

    private ServiceHttp http(ServiceHttp.Policy policy) {
        return support.forSession(context, policy);
    }

    private Response get(ServiceHttp http) {
        return http.send(new Request.Builder().url(server.url("/data")).build());
    }

    private static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).body("{}").build();
    }

    @Test
    void a503IsRetriedAfterABackoffWaitAndTheSuccessReturned() throws IOException {
        server.enqueue(status(503));
        server.enqueue(new MockResponse.Builder().body("ok").build());

        try (Response r = get(http(ServiceHttp.Policy.DEFAULT))) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.body().string()).isEqualTo("ok");
        }
        assertThat(waits).hasSize(1);
        assertThat(waits.get(0)).isBetween(Duration.ZERO, Waits.BASE);
        assertThat(context.apiCalls()).isEqualTo(2);
    }

    @Test
    void backoffGrowsExponentiallyWithFullJitterUpToTheCap() {
        for (int attempt = 1; attempt <= 12; attempt++) {
            Duration ceiling = Waits.BASE.multipliedBy(1L << (attempt - 1));
            assertThat(Waits.backoff(attempt)).isBetween(Duration.ZERO,
                    ceiling.compareTo(Waits.CAP) < 0 ? ceiling : Waits.CAP);
        }
    }

    @Test
    void a429WaitsTheSecondsItsRetryAfterNames() {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "7").build());
        server.enqueue(status(200));

        try (Response r = get(http(ServiceHttp.Policy.DEFAULT))) {
            assertThat(r.code()).isEqualTo(200);
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void aRetryAfterDateIsHonoured() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(30)
                .atOffset(ZoneOffset.UTC));
        server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", date).build());
        server.enqueue(status(200));

        try (Response r = get(http(ServiceHttp.Policy.DEFAULT))) {
            assertThat(r.code()).isEqualTo(200);
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void a429WithoutRetryAfterWaitsThePolicyDefault() {
        server.enqueue(status(429));
        server.enqueue(status(200));

        try (Response r = get(http(new ServiceHttp.Policy(10, 5, Duration.ofMinutes(5), Duration.ofMinutes(1))))) {
            assertThat(r.code()).isEqualTo(200);
        }
        assertThat(waits).containsExactly(Duration.ofMinutes(1));
    }

    @Test
    void attemptsAreBoundedAndTheLastResponseIsReturned() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(status(503));
        }

        try (Response r = get(http(new ServiceHttp.Policy(4, 3, Duration.ofMinutes(5), Duration.ofSeconds(5))))) {
            assertThat(r.code()).isEqualTo(503);
        }
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(waits).hasSize(2);
        assertThat(context.apiCalls()).isEqualTo(3);
    }

    @Test
    void noRetryStartsAfterTheElapsedTimeBound() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "40").build());
        }

        try (Response r = get(http(new ServiceHttp.Policy(4, 10, Duration.ofSeconds(100), Duration.ofSeconds(5))))) {
            assertThat(r.code()).isEqualTo(429);
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(40), Duration.ofSeconds(40));
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void permanentFailuresAreNotRetried() {
        server.enqueue(status(500));
        server.enqueue(status(404));
        ServiceHttp http = http(ServiceHttp.Policy.DEFAULT);

        try (Response first = get(http); Response second = get(http)) {
            assertThat(first.code()).isEqualTo(500);
            assertThat(second.code()).isEqualTo(404);
        }
        assertThat(waits).isEmpty();
    }

    @Test
    void connectionFailuresAreRetriedThenReportedAsUnavailable() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
        }
        ServiceHttp http = http(new ServiceHttp.Policy(4, 3, Duration.ofMinutes(5), Duration.ofSeconds(5)));

        assertThatThrownBy(() -> http.send(new Request.Builder()
                .url(server.url("/data?access_token=tok-secret-1&page=2")).build()))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("could not be reached").hasMessageContaining("after 3 attempt(s)")
                .hasMessageNotContaining("tok-secret-1")
                .extracting(e -> ((ConnectorException) e).kind()).isEqualTo(ConnectorException.Kind.UNAVAILABLE);
        assertThat(waits).hasSize(2);
    }

    @Test
    void aFailedConnectionFollowedByASuccessSucceeds() {
        server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
        server.enqueue(status(200));

        try (Response r = get(http(ServiceHttp.Policy.DEFAULT))) {
            assertThat(r.code()).isEqualTo(200);
        }
    }

    private static Request tokenPost(HttpUrl url) {
        return new Request.Builder().url(url).post(new FormBody.Builder().add("grant_type", "refresh_token").build())
                .build();
    }

    @Test
    void aPostThatBrokeOffAfterItWasSentIsNotSentAgain() {
        server.enqueue(new MockResponse.Builder().body("{}").onResponseStart(new SocketEffect.CloseSocket()).build());
        server.enqueue(status(200));
        ServiceHttp http = http(ServiceHttp.Policy.DEFAULT);

        assertThatThrownBy(() -> http.send(tokenPost(server.url("/oauth/token"))))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("not sent again")
                .extracting(e -> ((ConnectorException) e).kind()).isEqualTo(ConnectorException.Kind.UNAVAILABLE);
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void aPostThatCouldNotConnectIsSentAgain() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ServiceHttp http = http(new ServiceHttp.Policy(4, 3, Duration.ofMinutes(5), Duration.ofSeconds(5)));

        assertThatThrownBy(() -> http.send(tokenPost(HttpUrl.get("http://127.0.0.1:" + closedPort
                + "/oauth/token")))).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("could not be reached").hasMessageContaining("after 3 attempt(s)");
        assertThat(waits).hasSize(2);
    }

    @Test
    void aPostAnswered502IsReturnedWithoutBeingSentAgainButA503IsRetried() {
        server.enqueue(status(503));
        server.enqueue(status(502));
        server.enqueue(status(200));

        try (Response r = http(ServiceHttp.Policy.DEFAULT).send(tokenPost(server.url("/oauth/token")))) {
            assertThat(r.code()).isEqualTo(502);
        }
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aRedirectIsNotFollowedAndItsFailureNamesOnlyTheLocationsHost() {
        server.enqueue(new MockResponse.Builder().code(307).setHeader("Location", "http://127.0.0.1:"
                + elsewhere.getPort() + "/collect?stolen=s3cr3t-in-the-url").build());
        ServiceHttp http = http(ServiceHttp.Policy.DEFAULT);

        assertThatThrownBy(() -> http.send(new Request.Builder().url(server.url("/oauth/token"))
                .post(new FormBody.Builder().add("client_secret", "cs-value").build()).build()))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("HTTP 307").hasMessageContaining("127.0.0.1")
                .hasMessageNotContaining("collect").hasMessageNotContaining("s3cr3t-in-the-url")
                .extracting(e -> ((ConnectorException) e).kind()).isEqualTo(ConnectorException.Kind.UNAVAILABLE);
        assertThat(elsewhere.getRequestCount()).isZero();
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void aPermanentRedirectIsAConfigurationFailure() {
        server.enqueue(new MockResponse.Builder().code(301).setHeader("Location", elsewhere.url("/moved")).build());

        assertThatThrownBy(() -> get(http(ServiceHttp.Policy.DEFAULT)))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("has moved")
                .extracting(e -> ((ConnectorException) e).kind()).isEqualTo(ConnectorException.Kind.CONFIGURATION);
        assertThat(elsewhere.getRequestCount()).isZero();
    }

    @Test
    void theCorrelationHeadersOfARetriedAnswerAreLogged() throws IOException {
        server.enqueue(new MockResponse.Builder().code(503).setHeader("x-request-id", "rid-3f9a-retried").build());
        server.enqueue(status(200));

        try (Response r = get(http(ServiceHttp.Policy.DEFAULT.withCorrelationHeaders(List.of("x-request-id"))))) {
            assertThat(r.code()).isEqualTo(200);
        }
        assertThat(Files.readString(Path.of("target", "connections-core-tests.log")))
                .contains("-> 503 [x-request-id rid-3f9a-retried]: retrying in");
    }

    @Test
    void aHostsPolicyKeepsTheConnectorsCorrelationHeaders() {
        ServiceHttp.Policy own = ServiceHttp.Policy.DEFAULT.withCorrelationHeaders(List.of("intuit_tid"));
        HttpSupport chosen = new HttpSupport(Duration.ZERO, Map.of("declares",
                ServiceHttp.Policy.DEFAULT.withMaxConcurrentPerConnection(2)), Sleeper.SYSTEM, clock);
        try {
            assertThat(chosen.policy(new PolicyConnector("declares", own)))
                    .isEqualTo(own.withMaxConcurrentPerConnection(2));
        } finally {
            chosen.close();
        }
    }

    @Test
    void theHostsPolicyWinsOverTheConnectorsOwnWhichWinsOverTheDefault() {
        ServiceHttp.Policy own = ServiceHttp.Policy.DEFAULT.withMaxConcurrentPerConnection(10);
        ServiceHttp.Policy hosts = ServiceHttp.Policy.DEFAULT.withMaxConcurrentPerConnection(2);
        HttpSupport chosen = new HttpSupport(Duration.ZERO, Map.of("declares", hosts), Sleeper.SYSTEM, clock);
        try {
            assertThat(support.policy(new PolicyConnector("declares", own))).isEqualTo(own);
            assertThat(chosen.policy(new PolicyConnector("declares", own))).isEqualTo(hosts);
            assertThat(support.policy(new PolicyConnector("plain", null))).isEqualTo(ServiceHttp.Policy.DEFAULT);
        } finally {
            chosen.close();
        }
    }

    /** A connector that may declare its own policy; it opens no sessions. */
    private record PolicyConnector(String id, ServiceHttp.Policy own) implements Connector, HttpPolicyProvider {
        @Override
        public ConnectorDescriptor descriptor() {
            return new ConnectorDescriptor(id, id, ConnectorDescriptor.AuthKind.NONE, List.of(), Set.of(),
                    ConnectorDescriptor.AccountPolicy.MANY_PER_ACCOUNT);
        }

        @Override
        public ServiceHttp.Policy httpPolicy() {
            return own != null ? own : ServiceHttp.Policy.DEFAULT;
        }

        @Override
        public ConnectorSession open(ConnectorContext context) {
            throw new UnsupportedOperationException("no sessions");
        }
    }

    @Test
    void sensitiveQueryValuesAreRedactedForLogs() {
        String shown = Redaction.url(HttpUrl.get(
                "https://u:pw@api.example/x?access_token=a1&client_secret=s2&code=c3&q=Select+Id&page=2"));

        assertThat(shown).doesNotContain("a1").doesNotContain("s2").doesNotContain("c3").doesNotContain("pw")
                .contains("q=Select").contains("page=2").contains("access_token=" + Redaction.REDACTED);
    }
}

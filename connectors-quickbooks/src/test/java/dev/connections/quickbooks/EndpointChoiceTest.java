package dev.connections.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.connections.api.AuthorizationRequest;
import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.ConnectionDeletion;
import dev.connections.api.ConnectionStatus;
import dev.connections.api.Principal;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshStatus;
import dev.connections.api.TableUpdates;
import dev.connections.core.Connections;
import dev.connections.fakes.quickbooks.FakeQuickBooks;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorSession;
import dev.connections.tck.TestConnectorContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Where the host's client secret and the connections' tokens go is the host's choice, made in code: a principal's
 * {@code environment} picks one of Intuit's two environments and nothing else, and a stand-in (here the fake
 * QuickBooks) gets the requests only when the host registered {@link QuickBooksConnector#standIn}.
 */
class EndpointChoiceTest {

    private final Principal mallory = Principal.of("mallory");

    @Test
    void anEnvironmentNamingAServerIsRefusedWithConfigurationAndNoRequestIsSentAnywhere() throws IOException {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer attackers = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        attackers.createContext("/", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        attackers.start();
        List<String> environments = new ArrayList<>(List.of("http://127.0.0.1:9/", "http://localhost:8080",
                "https://evil.example", "http://127.attacker.example"));
        environments.add("http://127.0.0.1:" + attackers.getAddress().getPort());
        try (FakeQuickBooks intuit = FakeQuickBooks.start();
             Connections sdk = Connections.builder()
                     .oauthClient("quickbooks", intuit.clientId(), intuit.clientSecret())
                     .redirectUri(SdkFixture.REDIRECT).externalScheduler().build()) {
            for (String environment : environments) {
                Throwable thrown = catchThrowable(() -> {
                    AuthorizationRequest request = sdk.connections().authorize(mallory, "quickbooks",
                            "Mallory's books", Map.of("environment", environment));
                    // had it been accepted: complete it, which sends the code and the client secret to the server
                    sdk.connections().completeAuthorization(mallory, Map.of("state", request.state(),
                            "code", "whatever", "realmId", QuickBooksFixture.REALM));
                });

                assertThat(thrown).as(environment).isInstanceOf(ConnectorException.class);
                assertThat(((ConnectorException) thrown).kind()).as(environment)
                        .isEqualTo(ConnectorException.Kind.CONFIGURATION);
                assertThat(thrown.getMessage()).as(environment).contains("production or sandbox",
                        "QuickBooksConnector.standIn(URI)");
            }
            assertThat(received).isEmpty();
            assertThat(sdk.connections().list(mallory)).isEmpty();
        } finally {
            attackers.stop(0);
        }
    }

    @Test
    void intuitsConnectorOpensNoSessionForAnEnvironmentNamingTheFakeAndSendsItNothing() {
        try (QuickBooksFixture qbo = new QuickBooksFixture()) {
            TestConnectorContext context = qbo.context(qbo.connection, Map.of("environment", qbo.fake.baseUrl(),
                    "realmId", QuickBooksFixture.REALM), qbo.tokens);

            ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> {
                try (ConnectorSession session = new QuickBooksConnector().open(context)) {
                    session.test();
                }
            });

            assertThat(e.kind()).isEqualTo(ConnectorException.Kind.CONFIGURATION);
            assertThat(qbo.fake.apiRequests()).isZero();
            assertThat(qbo.fake.tokenRequests()).isZero();
        }
    }

    @Test
    void intuitsConnectorSendsTheUserToIntuitForBothEnvironmentsInAnyCase() {
        try (Connections sdk = Connections.builder().oauthClient("quickbooks", "client", "secret")
                .redirectUri(SdkFixture.REDIRECT).externalScheduler().build()) {
            for (String environment : List.of("production", "sandbox", "PRODUCTION", " Sandbox ")) {
                AuthorizationRequest request = sdk.connections().authorize(mallory, "quickbooks",
                        "Books " + environment.strip(), Map.of("environment", environment));

                assertThat(request.authorizationUrl()).as(environment).hasScheme("https")
                        .hasHost("appcenter.intuit.com").hasPath("/connect/oauth2");
            }
        }
    }

    @Test
    void aStandInChosenInCodeGetsTheAuthorizationTheTokenExchangeAndTheApiCallsThoughTheEnvironmentSaysProduction() {
        try (SdkFixture e = new SdkFixture(1)) {
            for (String environment : List.of("production", "sandbox")) {
                e.fake.resetCounters();
                AuthorizationRequest request = e.sdk.connections().authorize(e.pam, "quickbooks",
                        "Pam's " + environment + " books", Map.of("environment", environment));

                assertThat(request.authorizationUrl()).as(environment)
                        .hasToString(e.fake.authorizationEndpoint() + "?" + request.authorizationUrl().getRawQuery());
                Connection c = e.sdk.connections().completeAuthorization(e.pam, e.callback(request.authorizationUrl()));

                assertThat(c.status()).as(environment).isEqualTo(ConnectionStatus.ACTIVE);
                assertThat(c.settings()).containsEntry("environment", environment);
                assertThat(c.lastTest().message()).contains("Craig's Design and Landscaping Services");
                assertThat(e.fake.tokenRequests()).as(environment).isEqualTo(1);
                assertThat(e.fake.apiRequests()).as(environment).isPositive();
            }
        }
    }

    @Test
    void theSdkAuthorizesCompletesRefreshesRenewsTheTokenAndRevokesThroughTheStandIn() {
        try (SdkFixture e = new SdkFixture(1)) {
            String amy = e.company.insert("Customer", Map.of("DisplayName", "Amy's Bird Sanctuary"));
            Connection c = e.connect(e.pam, "Pam's books");
            ConnectedTable customers = e.table(e.pam, c, "Customers", "Customer", TableUpdates.REMOVE, "Id",
                    "DisplayName");

            RefreshRun first = e.sdk.tables().refresh(e.pam, customers.id());

            assertThat(first.status()).as(first.message()).isEqualTo(RefreshStatus.SUCCEEDED);
            assertThat(e.ids(e.pam, customers.id())).containsExactly(amy);

            String bill = e.company.insert("Customer", Map.of("DisplayName", "Bill's Windsurf Shop"));
            e.clock.advance(Duration.ofMinutes(10));
            e.fake.expireAccessTokens();
            e.fake.resetCounters();
            RefreshRun second = e.sdk.tables().refresh(e.pam, customers.id());

            assertThat(second.status()).as(second.message()).isEqualTo(RefreshStatus.SUCCEEDED);
            assertThat(e.fake.tokenRequests()).isEqualTo(1);
            assertThat(e.ids(e.pam, customers.id())).containsExactlyInAnyOrder(amy, bill);

            ConnectionDeletion deleted = e.sdk.connections().delete(e.pam, c.id(), true);

            assertThat(deleted.revocation()).isEqualTo(ConnectionDeletion.Revocation.REVOKED);
        }
    }
}

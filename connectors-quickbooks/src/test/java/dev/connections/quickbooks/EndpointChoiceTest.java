package dev.connections.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.ConnectionStatus;
import dev.connections.api.Principal;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshStatus;
import dev.connections.api.TableUpdates;
import dev.connections.core.AuthorizationRequest;
import dev.connections.core.ConnectionDeletion;
import dev.connections.core.Connections;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where the host's client secret and the connections' tokens go is the host's choice, made in code: a stand-in (here
 * the fake QuickBooks) gets the requests when the host registered {@link QuickBooksConnector#standIn}.
 */
class EndpointChoiceTest {

    private final Principal mallory = Principal.of("mallory");

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

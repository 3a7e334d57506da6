package dev.connections.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.connections.api.SourceObject;
import dev.connections.fakes.salesforce.FakeField;
import dev.connections.fakes.salesforce.FakeObject;
import dev.connections.spi.Account;
import dev.connections.spi.Connector;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.ConnectorDescriptor.Capability;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.OAuthSpec;
import dev.connections.tck.TestConnectorContext;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The connector's descriptor, settings, OAuth endpoints, test and objects. */
class SalesforceConnectorTest {

    private final SalesforceConnector connector = new SalesforceConnector();

    @Test
    void describesAnOAuthServiceWithIncrementalReadsDeletionsAndPushdown() {
        ConnectorDescriptor d = connector.descriptor();

        assertThat(d.id()).isEqualTo("salesforce");
        assertThat(d.authKind()).isEqualTo(ConnectorDescriptor.AuthKind.OAUTH2);
        assertThat(d.capabilities()).containsExactlyInAnyOrder(Capability.INCREMENTAL, Capability.DELETES,
                Capability.FILTER_PUSHDOWN);
        assertThat(d.accountPolicy()).isEqualTo(ConnectorDescriptor.AccountPolicy.MANY_PER_ACCOUNT);
        assertThat(d.settings()).extracting(s -> s.key() + "=" + s.defaultValue())
                .containsExactly("loginHost=production", "apiVersion=62.0", "bulkThreshold=50000");
    }

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(Connector.class).stream().map(ServiceLoader.Provider::type))
                .contains(SalesforceConnector.class);
    }

    @Test
    void oauthGoesToTheLoginHostWithFormsAndTheApiAndRefreshTokenScopes() {
        OAuthSpec production = connector.oauth(Map.of("loginHost", "production"));

        assertThat(production.authorizationEndpoint())
                .isEqualTo(URI.create("https://login.salesforce.com/services/oauth2/authorize"));
        assertThat(production.tokenEndpoint())
                .isEqualTo(URI.create("https://login.salesforce.com/services/oauth2/token"));
        assertThat(production.revocationEndpoint())
                .isEqualTo(URI.create("https://login.salesforce.com/services/oauth2/revoke"));
        assertThat(production.scopes()).containsExactly("api", "refresh_token");
        assertThat(production.clientAuthentication()).isEqualTo(OAuthSpec.ClientAuthentication.FORM);
        assertThat(production.revocation()).isEqualTo(OAuthSpec.RevocationBody.FORM);
        assertThat(connector.oauth(Map.of()).tokenEndpoint()).isEqualTo(production.tokenEndpoint());
    }

    @Test
    void sandboxesAndMyDomainsHaveTheirOwnLoginHost() {
        assertThat(connector.oauth(Map.of("loginHost", "sandbox")).tokenEndpoint())
                .isEqualTo(URI.create("https://test.salesforce.com/services/oauth2/token"));
        assertThat(connector.oauth(Map.of("loginHost", "https://acme.my.salesforce.com/")).authorizationEndpoint())
                .isEqualTo(URI.create("https://acme.my.salesforce.com/services/oauth2/authorize"));
    }

    @Test
    void aLoginHostThatIsNotHttpsIsRefused() {
        for (String bad : List.of("http://login.example.com", "ftp://x", "https://acme.my.salesforce.com/path",
                "https://user:pw@acme.my.salesforce.com", "not a url", "http://acme.my.salesforce.com")) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class,
                    () -> connector.oauth(Map.of("loginHost", bad)));
            assertThat(e).as(bad).isNotNull();
            assertThat(e.kind()).isEqualTo(ConnectorException.Kind.CONFIGURATION);
            assertThat(e.getMessage()).contains("production, sandbox");
        }
    }

    @Test
    void aLoginHostOnThisMachineIsRefusedSoAPrincipalCannotSendTheClientSecretToALocalService() {
        for (String bad : List.of("http://127.attacker.example", "http://127.0.0.1:4567", "http://localhost:4567",
                "https://localhost", "http://[::1]:8080", "https://127.0.0.1")) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class,
                    () -> connector.oauth(Map.of("loginHost", bad)));
            assertThat(e).as(bad).isNotNull();
            assertThat(e.kind()).isEqualTo(ConnectorException.Kind.CONFIGURATION);
        }
    }

    @Test
    void aStandInChosenInCodeTakesEveryCallWhateverTheLoginHostSetting() {
        SalesforceConnector standIn = SalesforceConnector.standIn("http://127.0.0.1:4567");

        for (String loginHost : List.of("production", "https://acme.my.salesforce.com", "http://evil.example")) {
            OAuthSpec spec = standIn.oauth(Map.of("loginHost", loginHost));
            assertThat(spec.tokenEndpoint()).isEqualTo(URI.create("http://127.0.0.1:4567/services/oauth2/token"));
            assertThat(spec.revocationEndpoint().getAuthority()).isEqualTo("127.0.0.1:4567");
            assertThat(spec.authorizationEndpoint().getAuthority()).isEqualTo("127.0.0.1:4567");
        }
    }

    @Test
    void aStandInIsABaseUrl() {
        for (String bad : List.of("127.0.0.1:4567", "ftp://127.0.0.1", "http://127.0.0.1:4567/path",
                "http://u:p@127.0.0.1:4567")) {
            assertThatThrownBy(() -> SalesforceConnector.standIn(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void anInstanceUrlOutsideSalesforceIsRefusedAsAnAuthenticationProblem() {
        Map<String, String> answer = Map.of("instance_url", "https://evil.example", "id",
                "https://login.salesforce.com/id/00D000000000001AAA/005000000000001AAA");
        for (String bad : List.of("https://evil.example", "http://na1.salesforce.com", "http://127.0.0.1:4567",
                "https://na1.salesforce.com.evil.example")) {
            Map<String, String> token = new java.util.HashMap<>(answer);
            token.put("instance_url", bad);
            ConnectorException e = catchThrowableOfType(ConnectorException.class,
                    () -> connector.authorizedSettings(token, Map.of()));
            assertThat(e).as(bad).isNotNull();
            assertThat(e.kind()).isEqualTo(ConnectorException.Kind.AUTHENTICATION);
            assertThat(e.getMessage()).doesNotContain(bad);
        }
        assertThat(connector.authorizedSettings(Map.of("instance_url", "https://acme.my.salesforce.com", "id",
                answer.get("id")), Map.of())).containsEntry("instance_url", "https://acme.my.salesforce.com");
    }

    @Test
    void aStoredInstanceUrlOutsideSalesforceGetsNoToken() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> connector.open(
                new TestConnectorContext(dev.connections.api.ConnectionId.of("c-1"),
                        Map.of("instance_url", "http://127.0.0.1:9"), java.time.Clock.systemUTC())));

        assertThat(e.kind()).isEqualTo(ConnectorException.Kind.AUTHENTICATION);
    }

    @Test
    void aStandInsTokenAnswerMustNameTheStandInAsInstance() {
        SalesforceConnector standIn = SalesforceConnector.standIn("http://127.0.0.1:4567");
        String id = "http://127.0.0.1:4567/id/00D000000000001AAA/005000000000001AAA";

        assertThat(standIn.authorizedSettings(Map.of("instance_url", "http://127.0.0.1:4567/", "id", id), Map.of()))
                .containsKey("instance_url");
        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> standIn.authorizedSettings(
                Map.of("instance_url", "https://acme.my.salesforce.com", "id", id), Map.of()));
        assertThat(e.kind()).isEqualTo(ConnectorException.Kind.AUTHENTICATION);
    }

    @Test
    void aLoginHostOutsideSalesforceIsRefusedSoTheClientSecretNeverLeavesForIt() {
        for (String bad : List.of("https://evil.example", "https://salesforce.com.evil.example",
                "https://login.salesforce.com.attacker.io", "https://notsalesforce.com")) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class,
                    () -> connector.oauth(Map.of("loginHost", bad)));
            assertThat(e).as(bad).isNotNull();
            assertThat(e.kind()).isEqualTo(ConnectorException.Kind.CONFIGURATION);
            assertThat(e.getMessage()).contains("not a Salesforce login host");
        }
        assertThat(connector.oauth(Map.of("loginHost", "https://acme.my.salesforce.mil")).tokenEndpoint().getHost())
                .isEqualTo("acme.my.salesforce.mil");
    }

    @Test
    void badSettingsFailTheOpenWithConfiguration() {
        for (Map<String, String> bad : List.of(Map.of("apiVersion", "v62"), Map.of("bulkThreshold", "-1"),
                Map.of("bulkThreshold", "lots"))) {
            ConnectorException e = catchThrowableOfType(ConnectorException.class,
                    () -> connector.open(TestConnectorContext.of(bad)));
            assertThat(e).as(bad.toString()).isNotNull();
            assertThat(e.kind()).isEqualTo(ConnectorException.Kind.CONFIGURATION);
        }
    }

    @Test
    void authorizationKeepsTheInstanceUrlAndTheIdentityUrlOnly() {
        Map<String, String> kept = connector.authorizedSettings(Map.of("instance_url", "https://acme.my.salesforce.com",
                "id", "https://login.salesforce.com/id/00D000000000001EAA/005000000000001AAA", "scope",
                "api refresh_token", "signature", "abc", "issued_at", "1709288100000", "token_type", "Bearer"),
                Map.of());

        assertThat(kept).containsOnlyKeys("instance_url", "id");
    }

    @Test
    void testReturnsTheOrgIdAndName() {
        try (SalesforceFixture f = new SalesforceFixture(b -> b.orgName("Dunder Mifflin"));
             ConnectorSession s = f.open()) {
            assertThat(s.test()).isEqualTo(new Account(f.fake.orgId(), "Dunder Mifflin"));
        }
    }

    @Test
    void objectsAreTheQueryableReplicateableOnesByName() {
        try (SalesforceFixture f = new SalesforceFixture(); ConnectorSession s = f.open()) {
            f.fake.addObject(FakeObject.of("Opportunity", "Opportunity", FakeField.of("Name", "string")));
            f.fake.addObject(FakeObject.of("Account", "Account", FakeField.of("Name", "string")));
            f.fake.addObject(FakeObject.of("AccountHistory", "Account History").notReplicateable());
            f.fake.addObject(FakeObject.of("Secret__c", "Secret").notQueryable());

            assertThat(s.objects()).containsExactly(new SourceObject("Account", "Account"),
                    new SourceObject("Opportunity", "Opportunity"));
        }
    }

    @Test
    void aSessionNeedsNoNetworkUntilItIsUsed() {
        try (SalesforceFixture f = SalesforceFixture.withAccounts()) {
            f.fake.resetCounters();
            f.open().close();
            assertThat(f.fake.totalRequests()).isZero();
        }
    }
}

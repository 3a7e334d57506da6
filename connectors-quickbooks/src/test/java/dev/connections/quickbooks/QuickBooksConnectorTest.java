package dev.connections.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.connections.api.FieldType;
import dev.connections.api.SourceField;
import dev.connections.api.SourceObject;
import dev.connections.api.SourceSchema;
import dev.connections.spi.Connector;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.OAuthSpec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** What the connector declares: its descriptor, OAuth endpoints, settings and the entities it offers. */
class QuickBooksConnectorTest {

    /**
     * Environments a principal might set to have the host's client secret sent to a server of their choosing: loopback
     * services, other hosts, a host name that merely starts like a loopback address, even Intuit's own URLs.
     */
    static final List<String> HOSTILE_ENVIRONMENTS = List.of("http://127.0.0.1:9/", "http://localhost:8080",
            "https://evil.example", "http://127.attacker.example", "http://[::1]:8080", "http://10.0.0.7:8080",
            "https://quickbooks.api.intuit.com", "https://oauth.platform.intuit.com", "staging", "production2");

    private final QuickBooksConnector connector = new QuickBooksConnector();

    @Test
    void theDescriptorDeclaresOAuthIncrementalReadsWithDeletesPushdownAndOneActiveConnectionPerCompany() {
        ConnectorDescriptor d = connector.descriptor();
        assertThat(d.id()).isEqualTo("quickbooks");
        assertThat(d.authKind()).isEqualTo(ConnectorDescriptor.AuthKind.OAUTH2);
        assertThat(d.capabilities()).containsExactlyInAnyOrder(ConnectorDescriptor.Capability.INCREMENTAL,
                ConnectorDescriptor.Capability.DELETES, ConnectorDescriptor.Capability.FILTER_PUSHDOWN);
        assertThat(d.accountPolicy()).isEqualTo(ConnectorDescriptor.AccountPolicy.ONE_ACTIVE_PER_ACCOUNT);
        assertThat(d.settings()).extracting(s -> s.key() + "=" + s.defaultValue())
                .containsExactly("environment=production", "minorVersion=75", "realmId=null");
    }

    @Test
    void serviceLoaderFindsTheConnector() {
        assertThat(ServiceLoader.load(Connector.class).stream().map(ServiceLoader.Provider::type))
                .contains(QuickBooksConnector.class);
    }

    @Test
    void productionAndSandboxUseIntuitsEndpointsWithBasicClientAuthenticationAndJsonRevocation() {
        OAuthSpec production = connector.oauth(Map.of("environment", "production"));
        assertThat(production.authorizationEndpoint()).hasToString("https://appcenter.intuit.com/connect/oauth2");
        assertThat(production.tokenEndpoint())
                .hasToString("https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer");
        assertThat(production.revocationEndpoint())
                .hasToString("https://developer.api.intuit.com/v2/oauth2/tokens/revoke");
        assertThat(production.scopes()).containsExactly("com.intuit.quickbooks.accounting");
        assertThat(production.clientAuthentication()).isEqualTo(OAuthSpec.ClientAuthentication.BASIC);
        assertThat(production.revocation()).isEqualTo(OAuthSpec.RevocationBody.JSON);
        assertThat(connector.oauth(Map.of("environment", "sandbox"))).isEqualTo(production);
        assertThat(QuickBooksSettings.from(Map.of("environment", "sandbox")).apiBase())
                .isEqualTo("https://sandbox-quickbooks.api.intuit.com");
        assertThat(QuickBooksSettings.from(Map.of()).apiBase()).isEqualTo("https://quickbooks.api.intuit.com");
    }

    @Test
    void theEnvironmentIsCaseInsensitiveAndEitherWayTheTokenAuthorizationAndRevocationEndpointsAreIntuits() {
        for (String environment : List.of("PRODUCTION", " Production ", "SANDBOX", "Sandbox")) {
            OAuthSpec spec = connector.oauth(Map.of("environment", environment));
            assertThat(spec.authorizationEndpoint().getHost()).as(environment).isEqualTo("appcenter.intuit.com");
            assertThat(spec.tokenEndpoint().getHost()).as(environment).isEqualTo("oauth.platform.intuit.com");
            assertThat(spec.revocationEndpoint().getHost()).as(environment).isEqualTo("developer.api.intuit.com");
        }
        assertThat(QuickBooksSettings.from(Map.of("environment", "SANDBOX")).apiBase())
                .isEqualTo("https://sandbox-quickbooks.api.intuit.com");
    }

    @Test
    void anEnvironmentThatIsNotIntuitsIsRefusedSoAConnectionCannotChooseWhereTheClientSecretGoes() {
        for (String environment : HOSTILE_ENVIRONMENTS) {
            for (QuickBooksConnector c : List.of(connector, QuickBooksConnector.withMaxAnswerBytes(1024),
                    QuickBooksConnector.standIn(URI.create("http://127.0.0.1:8089")))) {
                ConnectorException e = catchThrowableOfType(ConnectorException.class,
                        () -> c.oauth(Map.of("environment", environment)));
                assertThat(e).as(environment).isNotNull();
                assertThat(e.kind()).as(environment).isEqualTo(ConnectorException.Kind.CONFIGURATION);
                assertThat(e.getMessage()).as(environment).contains("must be production or sandbox",
                        "the host chooses it in code", "QuickBooksConnector.standIn(URI)");
            }
        }
    }

    @Test
    void aStandInServesTheOAuthEndpointsAndTheApiUnderIntuitsPathsWhateverTheEnvironmentSays() {
        QuickBooksConnector standIn = QuickBooksConnector.standIn(URI.create("http://127.0.0.1:8089/"));

        OAuthSpec production = standIn.oauth(Map.of("environment", "production"));

        assertThat(production.authorizationEndpoint()).isEqualTo(URI.create("http://127.0.0.1:8089/connect/oauth2"));
        assertThat(production.tokenEndpoint())
                .isEqualTo(URI.create("http://127.0.0.1:8089/oauth2/v1/tokens/bearer"));
        assertThat(production.revocationEndpoint())
                .isEqualTo(URI.create("http://127.0.0.1:8089/v2/oauth2/tokens/revoke"));
        assertThat(production.clientAuthentication()).isEqualTo(OAuthSpec.ClientAuthentication.BASIC);
        assertThat(standIn.oauth(Map.of("environment", "Sandbox"))).isEqualTo(production);
        assertThat(standIn.oauth(Map.of())).isEqualTo(production);
        assertThat(QuickBooksSettings.from(Map.of("environment", "sandbox"), "http://127.0.0.1:8089").apiBase())
                .isEqualTo("http://127.0.0.1:8089");
        assertThat(QuickBooksConnector.standIn(URI.create("HTTPS://qbo.test.example:8443")).oauth(Map.of())
                .tokenEndpoint()).isEqualTo(URI.create("https://qbo.test.example:8443/oauth2/v1/tokens/bearer"));
    }

    @Test
    void aStandInMustBeTheBaseUrlOfAServerAndTheRefusalDoesNotRepeatAPassword() {
        for (String base : List.of("localhost:8080", "/v3/company", "ftp://127.0.0.1:21", "file:///tmp",
                "http://127.0.0.1:8080/v3", "http://127.0.0.1:8080?minorversion=75", "http://127.0.0.1:8080/#top",
                "http://pam:hunter2@127.0.0.1:8080")) {
            IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
                    () -> QuickBooksConnector.standIn(URI.create(base)));
            assertThat(e).as(base).isNotNull();
            assertThat(e.getMessage()).as(base).contains("base URL of a server").doesNotContain("hunter2");
        }
        IllegalArgumentException both = catchThrowableOfType(IllegalArgumentException.class,
                () -> new QuickBooksConnector(1024, URI.create("http://127.0.0.1:8080/v3")));
        assertThat(both).isNotNull();
    }

    @Test
    void aConnectorWithALargerAnswerLimitStillTalksToIntuitOnly() {
        QuickBooksConnector larger = QuickBooksConnector.withMaxAnswerBytes(256L << 20);

        assertThat(larger.oauth(Map.of())).isEqualTo(connector.oauth(Map.of()));
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
                () -> QuickBooksConnector.withMaxAnswerBytes(0));
        assertThat(e).isNotNull();
    }

    @Test
    void aMinorVersionMustBeANumber() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> QuickBooksSettings.from(Map.of("minorVersion", "latest")));
        assertThat(e.kind()).isEqualTo(ConnectorException.Kind.CONFIGURATION);
    }

    @Test
    void theAuthorizationKeepsTheRealmIdOfTheRedirectAsTheAccount() {
        assertThat(connector.authorizedSettings(Map.of("token_type", "bearer"),
                Map.of("realmId", "9341452987654321"))).isEqualTo(Map.of("realmId", "9341452987654321"));
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> connector.authorizedSettings(Map.of(), Map.of()));
        assertThat(e.kind()).isEqualTo(ConnectorException.Kind.CONFIGURATION);
    }

    @Test
    void theHttpPolicyAllowsTenRequestsInFlightAndWaitsAMinuteAfterAnUnspecifiedThrottle() {
        assertThat(connector.httpPolicy().maxConcurrentPerConnection()).isEqualTo(10);
        assertThat(connector.httpPolicy().defaultRetryAfter()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void theConnectorOffersTheCommonlySyncedEntitiesSortedByName() {
        List<String> names = Catalog.load().objects().stream().map(SourceObject::name).toList();
        assertThat(names).isSorted().contains("Customer", "Vendor", "Item", "Account", "Invoice", "Bill", "Payment",
                "Estimate", "Employee", "SalesReceipt", "PurchaseOrder", "JournalEntry", "CreditMemo");
    }

    @Test
    void everyEntityHasIdAsItsNaturalKeyAndItsChangeTimes() {
        Catalog catalog = Catalog.load();
        for (SourceObject object : catalog.objects()) {
            SourceSchema schema = catalog.entity(object.name()).orElseThrow().schema();
            assertThat(schema.naturalKey()).as(object.name()).containsExactly("Id");
            assertThat(schema.field("Id").orElseThrow()).isEqualTo(new SourceField("Id", "Id", FieldType.TEXT, false,
                    true));
            assertThat(schema.field("MetaData.LastUpdatedTime").orElseThrow().type()).isEqualTo(FieldType.DATETIME);
        }
    }

    @Test
    void referencesAreFlattenedIntoValueAndNameAndLinesAreJson() {
        SourceSchema invoice = Catalog.load().entity("Invoice").orElseThrow().schema();
        assertThat(invoice.fieldNames()).contains("CurrencyRef.value", "CurrencyRef.name", "CustomerRef.value",
                "CustomerRef.name", "BillAddr.City", "MetaData.CreateTime");
        assertThat(invoice.field("Line").orElseThrow().type()).isEqualTo(FieldType.JSON);
        assertThat(invoice.field("TotalAmt").orElseThrow().type()).isEqualTo(FieldType.DECIMAL);
        assertThat(invoice.field("TxnDate").orElseThrow().type()).isEqualTo(FieldType.DATE);
    }
}

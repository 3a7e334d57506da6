package dev.connections.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.connections.api.AuthorizationRequest;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorSession;
import dev.connections.tck.TestConnectorContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The company id (realmId) comes from a redirect anyone can forge and goes into every URL of the connection: only
 * digits are accepted, and the refusal does not repeat what was sent.
 */
class RealmIdTest {

    /** A realmId that, pasted into a URL, reaches another resource of the company. */
    private static final String FORGED = QuickBooksFixture.REALM + "/companyinfo/" + QuickBooksFixture.REALM + "?";

    @Test
    void aCallbackRealmIdThatIsNotDigitsIsRefusedWithoutRepeatingIt() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> new QuickBooksConnector()
                .authorizedSettings(Map.of(), Map.of("realmId", FORGED)));

        assertThat(e.kind()).isEqualTo(ConnectorException.Kind.CONFIGURATION);
        assertThat(e.getMessage()).contains("company id (realmId)", "digits").doesNotContain("companyinfo");
    }

    @Test
    void aCallbackRealmIdOfDigitsIsKept() {
        assertThat(new QuickBooksConnector().authorizedSettings(Map.of(), Map.of("realmId", " 4620816365241385690 ")))
                .containsExactly(Map.entry("realmId", "4620816365241385690"));
    }

    @Test
    void aStoredRealmIdThatIsNotDigitsIsRefusedBeforeAnyRequest() {
        try (QuickBooksFixture qbo = new QuickBooksFixture()) {
            TestConnectorContext context = qbo.context(qbo.connection, Map.of("realmId", FORGED), qbo.tokens);

            ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> {
                try (ConnectorSession session = qbo.connector.open(context)) {
                    session.test();
                }
            });

            assertThat(e.kind()).isEqualTo(ConnectorException.Kind.CONFIGURATION);
            assertThat(qbo.fake.apiRequests()).isZero();
        }
    }

    @Test
    void anAuthorizationWhoseCallbackCarriesAForgedRealmIdStoresNoConnection() {
        try (SdkFixture e = new SdkFixture(1)) {
            AuthorizationRequest request = e.sdk.connections().authorize(e.pam, "quickbooks", "Pam's books");
            Map<String, String> callback = new LinkedHashMap<>(e.callback(request.authorizationUrl()));
            callback.put("realmId", FORGED);

            ConnectorException refused = catchThrowableOfType(ConnectorException.class,
                    () -> e.sdk.connections().completeAuthorization(e.pam, callback));

            assertThat(refused.kind()).isEqualTo(ConnectorException.Kind.CONFIGURATION);
            assertThat(e.sdk.connections().list(e.pam)).isEmpty();
            assertThat(e.fake.apiRequests()).isZero();
        }
    }
}

package dev.connections.quickbooks;

import dev.connections.tck.BadSettingsContract;
import dev.connections.tck.ConnectorSubject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The QuickBooks connector passes the TCK's bad settings contract: an environment that is not Intuit's, a minor
 * version that is not a number, and a company id that is missing or not digits are each a CONFIGURATION failure.
 */
class QuickBooksBadSettingsContractTest extends BadSettingsContract {

    private final QuickBooksFixture qbo = new QuickBooksFixture();

    @AfterEach
    void stopFake() {
        qbo.close();
    }

    @Override
    protected ConnectorSubject<?> subject() {
        return qbo.subject();
    }

    @Override
    protected List<BadSettings> badSettings() {
        return List.of(BadSettings.of("an environment that is neither production nor sandbox",
                        with("environment", "staging")),
                BadSettings.of("an environment naming a server", with("environment", qbo.fake.baseUrl())),
                BadSettings.of("a minor version that is not a number", with("minorVersion", "seventy-five")),
                BadSettings.of("a company id that is not digits", with("realmId", "12ab")),
                BadSettings.of("no company id, as before the authorization", without("realmId")));
    }
}

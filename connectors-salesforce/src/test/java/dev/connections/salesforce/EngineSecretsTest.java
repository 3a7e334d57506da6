package dev.connections.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.Filter;
import dev.connections.api.RefreshRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * No token, code or client secret appears in what the SDK and the connector log (at debug), in history messages, in
 * events or in toString() of what the host sees, through authorization, refreshes, a token refresh, faults and a
 * revocation.
 */
class EngineSecretsTest {

    private static final Path LOG = Path.of("target/connectors-salesforce-tests.log");

    private final EngineFixture e = new EngineFixture();

    @AfterEach
    void close() {
        e.close();
    }

    @Test
    void noSecretAppearsInLogsHistoryEventsOrMessages() throws IOException {
        List<String> seen = new ArrayList<>();
        Connection c = e.connect();
        seen.add(c.toString());
        ConnectedTable t = e.accounts(c, "Accounts", Filter.field("Name").equalTo("O'Brien \\ Sons"));
        e.sdk.tables().refresh(e.pam, t.id());
        e.sf.fake.faults().expireAccessTokens();
        e.sdk.tables().refresh(e.pam, t.id());
        e.sf.fake.faults().unavailable(1000);
        e.sdk.tables().refresh(e.pam, t.id());
        e.sf.fake.faults().clear().invalidGrantOnRefresh(true).expireAccessTokens();
        e.sdk.tables().refresh(e.pam, t.id());
        for (RefreshRun run : e.sdk.tables().history(e.pam, t.id(), 10)) {
            seen.add(run.toString());
        }
        seen.add(e.sdk.tables().details(e.pam, t.id()).toString());
        seen.add(e.sdk.connections().get(e.pam, c.id()).toString());
        e.sdk.tables().delete(e.pam, t.id());
        e.sdk.connections().delete(e.pam, c.id());
        e.events.forEach(event -> seen.add(event.toString()));
        String logged = Files.readString(LOG, StandardCharsets.UTF_8);
        seen.add(logged);

        assertThat(logged).contains("Refresh of table 'Accounts'").contains("HTTP GET");
        List<String> secrets = e.sf.fake.issuedSecrets();
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(4);
        for (String text : seen) {
            for (String secret : secrets) {
                assertThat(text).doesNotContain(secret);
            }
        }
    }
}

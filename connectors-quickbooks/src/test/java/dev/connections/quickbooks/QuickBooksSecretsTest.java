package dev.connections.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.RefreshRun;
import dev.connections.api.TableUpdates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Errors are logged with their intuit_tid, and no code, token or client secret appears in what the SDK and the
 * connector log (at debug), in history messages, events or the toString() of what the host sees, through an
 * authorization, refreshes, a token refresh, faults and the deletion (revocation) of the connection.
 */
class QuickBooksSecretsTest {

    /** Longer than a change data capture answer is shared, so that each refresh calls QuickBooks. */
    private static final Duration STEP = Duration.ofMinutes(3);
    private static final Path LOG = Path.of("target/connectors-quickbooks-tests.log");

    private final SdkFixture e = new SdkFixture(2);

    @AfterEach
    void close() {
        e.close();
    }

    @Test
    void errorsAreLoggedWithTheirIntuitTidAndNoSecretAppearsAnywhere() throws IOException {
        List<String> seen = new ArrayList<>();
        Connection c = e.connect(e.pam, "Pam's books");
        seen.add(c.toString());
        e.company.insert("Customer", Map.of("DisplayName", "O'Brien \\ Sons"));
        ConnectedTable t = e.table(e.pam, c, "Secret-free customers", "Customer", TableUpdates.REMOVE, "Id",
                "DisplayName");
        e.sdk.tables().refresh(e.pam, t.id());
        e.clock.advance(STEP);
        e.fake.expireAccessTokens();
        e.sdk.tables().refresh(e.pam, t.id());
        e.clock.advance(STEP);
        e.fake.failNext(1);
        RefreshRun failed = e.sdk.tables().refresh(e.pam, t.id());
        e.clock.advance(STEP);
        e.company.administrator(false);
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

        assertThat(failed.message()).contains("HTTP 500", "intuit_tid 1-");
        assertThat(logged).contains("Refresh of table 'Secret-free customers'")
                .containsPattern("QuickBooks answered HTTP 500 while reading changes of Customer: .* \\(intuit_tid 1-[0-9a-f-]+\\)")
                .containsPattern("QuickBooks answered HTTP 403 while reading changes of Customer: .* \\(intuit_tid 1-[0-9a-f-]+\\)");
        List<String> secrets = e.fake.issuedSecrets();
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(6);
        for (String text : seen) {
            for (String secret : secrets) {
                assertThat(text).doesNotContain(secret);
            }
        }
    }
}

package dev.connections.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.ConnectedTable;
import dev.connections.api.Connection;
import dev.connections.api.Filter;
import dev.connections.api.RefreshStatus;
import dev.connections.jdbc.JdbcStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guarantee 3 at rest, end to end: after authorizing, refreshing and a token refresh on the embedded default
 * storage, none of the tokens the service issued, nor the client secret, is in any file of the storage folder.
 */
class SecretsAtRestTest {

    @Test
    void noIssuedTokenNorTheClientSecretIsStoredInPlaintext(@TempDir Path dir) throws IOException {
        List<String> secrets = new ArrayList<>();
        String connectionName;
        try (EngineFixture e = new EngineFixture(b -> b.storage(JdbcStorage.embedded(dir)))) {
            Connection c = e.connect();
            connectionName = c.name();
            ConnectedTable t = e.accounts(c, "Accounts", Filter.all());
            assertThat(e.sdk.tables().refresh(e.pam, t.id()).status()).isEqualTo(RefreshStatus.SUCCEEDED);
            e.sf.fake.faults().expireAccessTokens();
            assertThat(e.sdk.tables().refresh(e.pam, t.id()).status()).isEqualTo(RefreshStatus.SUCCEEDED);
            secrets.addAll(e.sf.fake.issuedSecrets());
            secrets.add(e.sf.fake.clientSecret());
        }
        String stored = everything(dir);

        assertThat(stored).as("the search reads the database: a plain value is found").contains(connectionName);
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(4);
        for (String secret : secrets) {
            assertThat(stored).doesNotContain(secret);
        }
    }

    /** Every byte of every file under the folder, as Latin-1 text so that any ASCII token can be searched. */
    private static String everything(Path dir) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).append('\n');
            }
        }
        return all.toString();
    }
}

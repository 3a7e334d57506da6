package dev.connections.core;

import static dev.connections.core.Fixture.PAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connections.core.internal.SecretBox;
import dev.connections.core.internal.memory.InMemoryStorage;
import dev.connections.spi.storage.StoredConnection;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Guarantee 3: credentials are encrypted at rest and never shown. */
class SecretsTest {

    @Test
    void secretSettingsReachStorageOnlyAsCiphertext() {
        InMemoryStorage storage = new InMemoryStorage();
        try (Fixture f = new Fixture(Connections.builder().storage(storage))) {
            var c = f.connection(PAM, "Acme");

            StoredConnection stored = storage.connections().get(c.id()).orElseThrow();

            assertThat(stored.settings()).doesNotContainKey("token");
            assertThat(new String(stored.secrets(), StandardCharsets.ISO_8859_1)).doesNotContain(MemoryConnector.TOKEN);
            assertThat(stored.toString()).doesNotContain(MemoryConnector.TOKEN);
        }
    }

    @Test
    void sealedSecretsOpenWithTheSameKeyAndConnection() {
        SecretBox box = new SecretBox(SecretBox.newKey());

        byte[] sealed = box.seal("c-1", Map.of("token", "abc", "other", "ü"));

        assertThat(box.open("c-1", sealed)).isEqualTo(Map.of("token", "abc", "other", "ü"));
    }

    @Test
    void secretsMovedToAnotherConnectionDoNotOpen() {
        SecretBox box = new SecretBox(SecretBox.newKey());
        byte[] sealed = box.seal("c-1", Map.of("token", "abc"));

        assertThatThrownBy(() -> box.open("c-2", sealed)).hasMessageContaining("cannot be decrypted")
                .hasMessageNotContaining("abc");
    }

    @Test
    void anotherKeyCannotOpenThem() {
        byte[] sealed = new SecretBox(SecretBox.newKey()).seal("c-1", Map.of("token", "abc"));

        assertThatThrownBy(() -> new SecretBox(SecretBox.newKey()).open("c-1", sealed))
                .hasMessageContaining("different secret key");
    }

    @Test
    void anSdkStartedWithAnotherKeyThanTheStoredCredentialsWereSealedWithIsRefused() {
        InMemoryStorage storage = new InMemoryStorage();
        byte[] key = new byte[32];
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        try (Fixture f = new Fixture(Connections.builder().storage(storage).secretKey(key))) {
            f.connection(PAM, "Acme");
        }

        assertThatThrownBy(() -> Connections.builder().storage(storage).secretKey(otherKey).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not open the credentials already in this storage")
                .hasMessageContaining("connections.key").hasMessageContaining("Nothing was changed");
        assertThatThrownBy(() -> Connections.builder().storage(storage).build())
                .as("no key given: a new one would lose them too").isInstanceOf(IllegalStateException.class);
        try (Connections again = Connections.builder().storage(storage).secretKey(key)
                .connector(new MemoryConnector(MemorySource.orders())).discoverConnectors(false).build()) {
            assertThat(again.connections().list(PAM)).singleElement()
                    .satisfies(c -> assertThat(again.connections().test(PAM, c.id()).ok()).isTrue());
        }
    }
}

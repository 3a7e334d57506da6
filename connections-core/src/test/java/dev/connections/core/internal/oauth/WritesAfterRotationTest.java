package dev.connections.core.internal.oauth;

import static dev.connections.core.internal.oauth.OAuthFixture.PAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.Connection;
import dev.connections.api.ConnectionId;
import dev.connections.api.ConnectionStatus;
import dev.connections.api.Principal;
import dev.connections.core.internal.ConnectionStatuses;
import dev.connections.core.internal.Events;
import dev.connections.core.internal.SecretBox;
import dev.connections.core.internal.memory.InMemoryStorage;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.OAuthSpec;
import dev.connections.spi.storage.ConnectionStore;
import dev.connections.spi.storage.StoredConnection;
import dev.connections.tck.ForwardingStorage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A rename, a test result or a status change made from a read of the connection older than a token rotation (by
 * another SDK instance) keeps the rotated tokens: the storage injects the rotation between the engine's read and its
 * write, and the write must then be made anew on the rotated connection instead of storing the retired refresh token
 * again.
 */
class WritesAfterRotationTest {

    private static final String ROTATED = "rotated-refresh-token-of-instance-b";

    private final InMemoryStorage kept = new InMemoryStorage();
    private final RotatingStorage storage = new RotatingStorage(kept);
    private final OAuthFixture f = new OAuthFixture(OAuthSpec.ClientAuthentication.FORM, OAuthSpec.RevocationBody.FORM,
            ConnectorDescriptor.AccountPolicy.MANY_PER_ACCOUNT, b -> b.storage(storage));

    @AfterEach
    void tearDown() {
        f.close();
        kept.close();
    }

    @Test
    void aRenameReadBeforeATokenRotationKeepsTheRotatedRefreshToken() {
        Connection c = f.connect(PAM, "Acme", "realm-1");
        storage.rotateBeforeNextUpdate(c.id());

        f.sdk.connections().rename(PAM, c.id(), "Acme books");

        assertThat(storage.rotations).isEqualTo(1);
        assertThat(secrets(c.id())).containsEntry(Tokens.REFRESH, ROTATED);
        assertThat(stored(c.id()).name()).isEqualTo("Acme books");
    }

    @Test
    void aTestResultReadBeforeATokenRotationKeepsTheRotatedRefreshToken() {
        Connection c = f.connect(PAM, "Acme", "realm-1");
        f.clock.advance(Duration.ofMinutes(1));
        storage.rotateBeforeNextUpdate(c.id());

        f.sdk.connections().test(PAM, c.id());

        assertThat(storage.rotations).isEqualTo(1);
        assertThat(secrets(c.id())).containsEntry(Tokens.REFRESH, ROTATED);
        assertThat(stored(c.id()).lastTest().at()).isEqualTo(f.clock.instant());
    }

    @Test
    void aStatusChangeReadBeforeATokenRotationKeepsTheRotatedRefreshToken() {
        Connection c = f.connect(PAM, "Acme", "realm-1");
        StoredConnection read = stored(c.id());
        storage.rotateBeforeNextUpdate(c.id());

        new ConnectionStatuses(storage, new Events(List.of()), f.clock)
                .change(read, ConnectionStatus.NEEDS_REAUTHORIZATION, "the grant was revoked");

        assertThat(storage.rotations).isEqualTo(1);
        assertThat(secrets(c.id())).containsEntry(Tokens.REFRESH, ROTATED);
        assertThat(stored(c.id()).status()).isEqualTo(ConnectionStatus.NEEDS_REAUTHORIZATION);
    }

    private StoredConnection stored(ConnectionId id) {
        return kept.connections().get(id).orElseThrow();
    }

    private Map<String, String> secrets(ConnectionId id) {
        return new SecretBox(f.key).open(id.value(), stored(id).secrets());
    }

    /** Rotates a connection's refresh token, as another SDK instance would, just before the engine's next write. */
    private final class RotatingStorage extends ForwardingStorage {
        private volatile ConnectionId armed;
        private volatile int rotations;

        RotatingStorage(InMemoryStorage delegate) {
            super(delegate);
        }

        void rotateBeforeNextUpdate(ConnectionId id) {
            armed = id;
        }

        @Override
        public ConnectionStore connections() {
            ConnectionStore store = delegate().connections();
            return new ConnectionStore() {
                @Override
                public void insert(StoredConnection connection) {
                    store.insert(connection);
                }

                @Override
                public boolean update(StoredConnection connection) {
                    if (connection.id().equals(armed)) {
                        armed = null;
                        rotate(store, connection.id());
                    }
                    return store.update(connection);
                }

                @Override
                public Optional<StoredConnection> get(ConnectionId id) {
                    return store.get(id);
                }

                @Override
                public List<StoredConnection> byOwner(Principal owner) {
                    return store.byOwner(owner);
                }

                @Override
                public List<StoredConnection> byAccount(String service, String account) {
                    return store.byAccount(service, account);
                }

                @Override
                public void delete(ConnectionId id) {
                    store.delete(id);
                }

                @Override
                public Optional<StoredConnection> anySealed() {
                    return store.anySealed();
                }
            };
        }

        private void rotate(ConnectionStore store, ConnectionId id) {
            SecretBox box = new SecretBox(f.key);
            StoredConnection now = store.get(id).orElseThrow();
            Map<String, String> secrets = new LinkedHashMap<>(box.open(id.value(), now.secrets()));
            secrets.put(Tokens.REFRESH, ROTATED);
            store.update(now.withSecrets(box.seal(id.value(), secrets)));
            rotations++;
        }
    }
}

package dev.connections.tck;

import static dev.connections.tck.StorageSamples.at;
import static dev.connections.tck.StorageSamples.connection;
import static dev.connections.tck.StorageSamples.fullConnection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connections.api.ConnectionId;
import dev.connections.api.ConnectionStatus;
import dev.connections.api.Principal;
import dev.connections.api.TestResult;
import dev.connections.spi.storage.ConnectionStore;
import dev.connections.spi.storage.Storage;
import dev.connections.spi.storage.StoredConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Storage#connections() ConnectionStore} must have: connections read back equal (secrets
 * byte for byte), ids unique, updates a compare-and-set on the version (one winner per version, also between
 * threads), lookups by owner and by account oldest first, and {@link ConnectionStore#anySealed()}.
 * A storage proves it with a test class that extends this suite and says how to make a fresh storage:
 *
 * <pre>{@code
 * class MyConnectionStoreTest extends ConnectionStoreContract {
 *     protected Storage createStorage() { return MyStorage.inFreshSchema(); }
 * }
 * }</pre>
 *
 * <p>{@link StorageContract} runs this suite with all the others. Each test gets a fresh, empty storage from
 * {@link #createStorage()} and closes it afterwards; JUnit runs the tests of one instance on one thread.
 */
public abstract class ConnectionStoreContract extends StorageFixture {

    /** A storage's own test class extends this suite, or {@link StorageContract} which runs it. */
    protected ConnectionStoreContract() {
    }

    @Test
    void anInsertedConnectionIsReadBackEqual() {
        StoredConnection plain = connection("c-1", "pam", "csv", null, 0);
        StoredConnection full = fullConnection("c-2");
        storage().connections().insert(plain);
        storage().connections().insert(full);

        assertThat(storage().connections().get(plain.id())).contains(plain);
        assertThat(storage().connections().get(full.id())).contains(full);
    }

    @Test
    void anySealedFindsAConnectionWithStoredSecretsOnly() {
        storage().connections().insert(connection("c-1", "pam", "csv", null, 0));
        assertThat(storage().connections().anySealed()).isEmpty();

        StoredConnection sealed = connection("c-2", "pam", "csv", null, 1).withSecrets(new byte[] {1, 2, 3});
        storage().connections().insert(sealed);

        assertThat(storage().connections().anySealed()).contains(sealed);
    }

    @Test
    void anUnknownConnectionIsNotFound() {
        assertThat(storage().connections().get(ConnectionId.of("c-none"))).isEmpty();
    }

    @Test
    void insertingAConnectionWithAnExistingIdFailsAndKeepsTheFirst() {
        StoredConnection first = connection("c-1", "pam", "csv", "/srv", 0);
        storage().connections().insert(first);

        assertThatThrownBy(() -> storage().connections().insert(first.withName("Another")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(storage().connections().get(first.id())).contains(first);
    }

    @Test
    void secretsAreKeptByteForByte() {
        byte[] secrets = new byte[256];
        for (int i = 0; i < secrets.length; i++) {
            secrets[i] = (byte) i;
        }
        StoredConnection connection = connection("c-1", "pam", "csv", null, 0).withSecrets(secrets);
        storage().connections().insert(connection);

        assertThat(storage().connections().get(connection.id()).orElseThrow().secrets()).containsExactly(secrets);
    }

    @Test
    void updateReplacesTheStoredConnection() {
        StoredConnection original = connection("c-1", "pam", "quickbooks", null, 0);
        storage().connections().insert(original);
        StoredConnection changed = original.withName("Renamed")
                .withTest(new TestResult(at(5), false, null, "reauthorize the connection"), "123")
                .withStatus(ConnectionStatus.NEEDS_REAUTHORIZATION, "the refresh token was revoked")
                .withSecrets(new byte[] {9, 8, 7});

        assertThat(storage().connections().update(changed)).isTrue();

        assertThat(storage().connections().get(original.id())).contains(changed.nextVersion());
    }

    @Test
    void updatingAnUnknownConnectionStoresNothing() {
        assertThat(storage().connections().update(connection("c-1", "pam", "csv", null, 0))).isFalse();
        assertThat(storage().connections().get(ConnectionId.of("c-1"))).isEmpty();
    }

    @Test
    void theVersionIsKeptAsInsertedAndEachUpdateStoresTheNext() {
        StoredConnection fresh = connection("c-1", "pam", "csv", null, 0);
        StoredConnection migrated = new StoredConnection(ConnectionId.of("c-2"), "csv", Principal.of("pam"), "Old",
                ConnectionStatus.ACTIVE, null, null, Map.of(), null, at(1), null, 7);
        storage().connections().insert(fresh);
        storage().connections().insert(migrated);
        assertThat(storage().connections().get(fresh.id()).orElseThrow().version()).isZero();
        assertThat(storage().connections().get(migrated.id()).orElseThrow().version()).isEqualTo(7);

        StoredConnection read = storage().connections().get(fresh.id()).orElseThrow();
        assertThat(storage().connections().update(read.withName("Once"))).isTrue();
        read = storage().connections().get(fresh.id()).orElseThrow();
        assertThat(storage().connections().update(read.withName("Twice"))).isTrue();

        assertThat(storage().connections().get(fresh.id())).contains(fresh.withName("Twice").nextVersion()
                .nextVersion());
        assertThat(storage().connections().byOwner(Principal.of("pam")).get(0).version()).isEqualTo(2);
    }

    @Test
    void anUpdateMadeFromAnOlderReadIsRefusedAndChangesNothing() {
        StoredConnection original = connection("c-1", "pam", "quickbooks", null, 0).withSecrets(new byte[] {1});
        storage().connections().insert(original);
        StoredConnection readBeforeRotation = storage().connections().get(original.id()).orElseThrow();
        StoredConnection rotated = readBeforeRotation.withSecrets(new byte[] {2});
        assertThat(storage().connections().update(rotated)).isTrue();

        assertThat(storage().connections().update(readBeforeRotation.withName("Renamed"))).isFalse();

        StoredConnection stored = storage().connections().get(original.id()).orElseThrow();
        assertThat(stored).isEqualTo(rotated.nextVersion());
        assertThat(stored.secrets()).containsExactly(2);
    }

    @Test
    void ofTwoThreadsUpdatingTheSameVersionExactlyOneWins() throws Exception {
        StoredConnection original = connection("c-1", "pam", "csv", null, 0);
        storage().connections().insert(original);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                StoredConnection read = storage().connections().get(original.id()).orElseThrow();
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Boolean>> updates = new ArrayList<>();
                for (String writer : List.of("left", "right")) {
                    StoredConnection changed = read.withName(writer + " " + round);
                    updates.add(threads.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return storage().connections().update(changed);
                    }));
                }
                boolean left = updates.get(0).get(10, TimeUnit.SECONDS);
                boolean right = updates.get(1).get(10, TimeUnit.SECONDS);

                assertThat(left).as("round %d: exactly one update wins", round).isNotEqualTo(right);
                StoredConnection stored = storage().connections().get(original.id()).orElseThrow();
                assertThat(stored.version()).isEqualTo(read.version() + 1);
                assertThat(stored.name()).isEqualTo((left ? "left " : "right ") + round);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void byOwnerListsTheOwnersConnectionsOldestFirst() {
        StoredConnection second = connection("c-2", "pam", "csv", null, 2);
        StoredConnection jims = connection("c-3", "jim", "csv", null, 3);
        StoredConnection first = connection("c-1", "pam", "salesforce", null, 1);
        storage().connections().insert(second);
        storage().connections().insert(jims);
        storage().connections().insert(first);

        assertThat(storage().connections().byOwner(Principal.of("pam"))).containsExactly(first, second);
        assertThat(storage().connections().byOwner(Principal.of("dwight"))).isEmpty();
    }

    @Test
    void byAccountListsConnectionsOfEveryOwnerToThatAccountOldestFirst() {
        StoredConnection pams = connection("c-1", "pam", "quickbooks", "realm-1", 1);
        StoredConnection jims = connection("c-2", "jim", "quickbooks", "realm-1", 2);
        StoredConnection otherRealm = connection("c-3", "jim", "quickbooks", "realm-2", 3);
        StoredConnection otherService = connection("c-4", "pam", "salesforce", "realm-1", 4);
        for (StoredConnection c : List.of(jims, otherService, pams, otherRealm)) {
            storage().connections().insert(c);
        }

        assertThat(storage().connections().byAccount("quickbooks", "realm-1")).containsExactly(pams, jims);
        assertThat(storage().connections().byAccount("quickbooks", "realm-9")).isEmpty();
    }

    @Test
    void deleteRemovesAConnectionAndIgnoresUnknownIds() {
        StoredConnection kept = connection("c-1", "pam", "csv", null, 1);
        StoredConnection deleted = connection("c-2", "pam", "csv", null, 2);
        storage().connections().insert(kept);
        storage().connections().insert(deleted);

        storage().connections().delete(deleted.id());
        storage().connections().delete(ConnectionId.of("c-none"));

        assertThat(storage().connections().get(deleted.id())).isEmpty();
        assertThat(storage().connections().byOwner(Principal.of("pam"))).containsExactly(kept);
    }}

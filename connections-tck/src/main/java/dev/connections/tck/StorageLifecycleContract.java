package dev.connections.tck;

import static dev.connections.tck.StorageSamples.at;
import static dev.connections.tck.StorageSamples.connection;
import static dev.connections.tck.StorageSamples.started;
import static dev.connections.tck.StorageSamples.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.Principal;
import dev.connections.api.TableId;
import dev.connections.spi.storage.Storage;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of a {@link Storage} as a whole, beyond each of its stores: a new one holds nothing, the default
 * secret key it may offer is one the engine can use, and its stores take writes from several threads at once. A
 * storage proves it with a test class that extends this suite and says how to make a fresh storage:
 *
 * <pre>{@code
 * class MyStorageLifecycleTest extends StorageLifecycleContract {
 *     protected Storage createStorage() { return MyStorage.inFreshSchema(); }
 * }
 * }</pre>
 *
 * <p>{@link StorageContract} runs this suite with all the others. Each test gets a fresh, empty storage from
 * {@link #createStorage()} and closes it afterwards; a test that needs more threads starts and stops them itself.
 */
public abstract class StorageLifecycleContract extends StorageFixture {

    /** A storage's own test class extends this suite, or {@link StorageContract} which runs it. */
    protected StorageLifecycleContract() {
    }

    @Test
    void aNewStorageHoldsNothing() {
        Storage storage = storage();

        assertThat(storage.connections().byOwner(Principal.of("pam"))).isEmpty();
        assertThat(storage.connections().anySealed()).isEmpty();
        assertThat(storage.tables().all()).isEmpty();
        assertThat(storage.tables().earliestDue()).isEmpty();
        assertThat(storage.history().running()).isEmpty();
        assertThat(storage.data().count(TableId.of("t-1"))).isZero();
        assertThat(storage.data().cursor(TableId.of("t-1"))).isEmpty();
    }

    @Test
    void aDefaultSecretKeyIsAnAesKeyAndTheSameEachTime() {
        Optional<SecretKey> key = storage().defaultSecretKey();

        assertThat(storage().defaultSecretKey()).isEqualTo(key);
        key.ifPresent(k -> assertThat(k.getAlgorithm()).isEqualToIgnoringCase("AES"));
    }

    @Test
    void theStoresTakeWritesFromSeveralThreadsAtOnce() {
        int threads = 4;
        int each = 10;

        onThreadsAtOnce(threads, n -> {
            for (int i = 0; i < each; i++) {
                String id = n + "-" + i;
                storage().connections().insert(connection("c-" + id, "pam", "csv", null, i));
                storage().tables().insert(table("t-" + id, "c-" + id, i), at(i));
                storage().history().save(started("r-" + id, TableId.of("t-" + id), i));
            }
            return n;
        });

        assertThat(storage().connections().byOwner(Principal.of("pam"))).hasSize(threads * each);
        assertThat(storage().tables().all()).hasSize(threads * each);
        assertThat(storage().tables().dueBy(at(each), threads * each + 1)).hasSize(threads * each);
        assertThat(storage().history().running()).hasSize(threads * each);
    }
}

package dev.connections.tck;

import static dev.connections.tck.StorageSamples.T0;
import static dev.connections.tck.StorageSamples.at;
import static dev.connections.tck.StorageSamples.authorization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connections.api.Principal;
import dev.connections.spi.storage.AuthorizationStore;
import dev.connections.spi.storage.Storage;
import dev.connections.spi.storage.StoredAuthorization;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every storage's {@link AuthorizationStore} must have: an authorization comes back as it was saved,
 * its sealed bytes byte for byte; each is taken once, by exactly one of several takers at once; expired ones are
 * dropped on request. A storage proves it with a test class that extends this suite and says how to make a fresh
 * storage:
 *
 * <pre>{@code
 * class MyAuthorizationStoreTest extends AuthorizationStoreContract {
 *     protected Storage createStorage() { return MyStorage.inFreshSchema(); }
 * }
 * }</pre>
 *
 * <p>{@link StorageContract} runs this suite with all the others. Each test gets a fresh, empty storage from
 * {@link #createStorage()} and closes it afterwards; JUnit runs the tests of one instance on one thread.
 */
public abstract class AuthorizationStoreContract extends StorageFixture {

    /** A storage's own test class extends this suite, or {@link StorageContract} which runs it. */
    protected AuthorizationStoreContract() {
    }

    private AuthorizationStore store() {
        return storage().authorizations();
    }

    @Test
    void aSavedAuthorizationIsTakenWithEveryPartAndItsSealedBytesAsSaved() {
        StoredAuthorization saved = authorization("state-1", 10);
        store().save(saved);

        StoredAuthorization taken = store().take("state-1").orElseThrow();

        assertThat(taken).isEqualTo(saved);
        assertThat(taken.sealed()).containsExactly(saved.sealed());
        assertThat(taken.reauthorizing()).isEqualTo(saved.reauthorizing());
    }

    @Test
    void anAuthorizationOfANewConnectionHasNoConnectionItReauthorizes() {
        StoredAuthorization saved = new StoredAuthorization("state-1", Principal.of("jim"), "salesforce",
                "Jim's org", null, "https://login.salesforce.example/authorize?state=state-1", at(10),
                new byte[] {7});
        store().save(saved);

        assertThat(store().take("state-1")).contains(saved);
    }

    @Test
    void anAuthorizationIsTakenOnlyOnce() {
        store().save(authorization("state-1", 10));
        store().take("state-1").orElseThrow();

        assertThat(store().take("state-1")).isEmpty();
    }

    @Test
    void anUnknownStateTakesNothing() {
        store().save(authorization("state-1", 10));

        assertThat(store().take("state-2")).isEmpty();
        assertThat(store().take("state-1")).isPresent();
    }

    @Test
    void savingAStateThatIsStoredAlreadyIsRefused() {
        store().save(authorization("state-1", 10));

        assertThatThrownBy(() -> store().save(authorization("state-1", 20)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store().take("state-1").orElseThrow().expiresAt()).isEqualTo(at(10));
    }

    @Test
    void anExpiredAuthorizationIsTakenUntilItIsDropped() {
        store().save(authorization("state-1", 10));

        assertThat(store().take("state-1")).as("taken at any time; the engine judges expiry").isPresent();
    }

    @Test
    void droppingExpiredAuthorizationsRemovesOnlyThoseThatExpiredBeforeTheInstant() {
        store().save(authorization("early", 5));
        store().save(authorization("boundary", 10));
        store().save(authorization("late", 15));

        int dropped = store().dropExpired(at(10));

        assertThat(dropped).isEqualTo(1);
        assertThat(store().take("early")).isEmpty();
        assertThat(store().take("boundary")).isPresent();
        assertThat(store().take("late")).isPresent();
        assertThat(store().dropExpired(T0.plusSeconds(3600))).isZero();
    }

    @Test
    void ofEightThreadsTakingOneStateAtOnceExactlyOneGetsIt() {
        store().save(authorization("state-1", 10));

        List<StoredAuthorization> taken = onThreadsAtOnce(8, n -> store().take("state-1")).stream()
                .flatMap(Optional::stream).toList();

        assertThat(taken).hasSize(1);
        assertThat(store().take("state-1")).isEmpty();
    }
}

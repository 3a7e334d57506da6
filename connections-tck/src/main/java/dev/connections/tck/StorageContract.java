package dev.connections.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.spi.storage.Storage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour a {@link Storage} must have, one suite per concern: {@link ConnectionStoreContract},
 * {@link TableStoreContract} (with the due times of scheduled refreshes), {@link HistoryStoreContract},
 * {@link TableDataContract} (refreshes and rows), {@link LeaseContract}, {@link AuthorizationStoreContract} (OAuth
 * authorizations waiting for their callback) and {@link StorageLifecycleContract} (the storage as a whole). A storage proves it with one test class that extends this one, says how to make a fresh,
 * empty storage, and runs every suite as a nested class on that storage:
 *
 * <pre>{@code
 * class InMemoryStorageContractTest extends StorageContract {
 *     protected Storage createStorage() { return new InMemoryStorage(); }
 *
 *     @Nested class ConnectionStoreTests extends ConnectionStoreContract {
 *         protected Storage createStorage() { return InMemoryStorageContractTest.this.createStorage(); }
 *     }
 *     // ... and one such class for each of the other suites
 * }
 * }</pre>
 *
 * <p>The nested classes belong to the storage's test class, so reports name the storage
 * ({@code InMemoryStorageContractTest$ConnectionStoreTests}), and the extensions and static fixtures of that class (a
 * database server, a temporary folder) serve every suite. The one test of this class fails when a suite has no nested
 * class: a suite added to the kit reaches every storage that claims the whole contract. Each suite can also be
 * extended alone.
 *
 * <p>Each test of a suite gets a fresh, empty storage from its {@code createStorage()}, which must not return null,
 * and closes it afterwards. Times are given to the storage explicitly; only where a lease must run out by a storage's
 * own clock (a database's) does a test wait, for a fraction of a second.
 */
public abstract class StorageContract {

    /** The suites a storage runs to prove the whole contract. */
    static final List<Class<?>> SUITES = List.of(ConnectionStoreContract.class, TableStoreContract.class,
            HistoryStoreContract.class, TableDataContract.class, LeaseContract.class, AuthorizationStoreContract.class,
            StorageLifecycleContract.class);

    /** A storage's own test class extends it. */
    protected StorageContract() {
    }

    /**
     * Makes the storage for a test; the nested suites call it from theirs.
     *
     * @return a new, empty storage that no other test uses; never null
     */
    protected abstract Storage createStorage();

    @Test
    void everySuiteRunsAsANestedClassOfTheStoragesTestClass() {
        List<Class<?>> nested = Arrays.stream(getClass().getDeclaredClasses())
                .filter(c -> c.isAnnotationPresent(Nested.class))
                .<Class<?>>map(Class::getSuperclass)
                .toList();

        assertThat(nested).as("the suites that %s runs as @Nested classes extending them", getClass().getName())
                .containsAll(SUITES);
    }
}

package dev.connections.jdbc;

import dev.connections.spi.storage.Storage;
import dev.connections.tck.AuthorizationStoreContract;
import dev.connections.tck.ConnectionStoreContract;
import dev.connections.tck.HistoryStoreContract;
import dev.connections.tck.LeaseContract;
import dev.connections.tck.StorageContract;
import dev.connections.tck.StorageLifecycleContract;
import dev.connections.tck.TableDataContract;
import dev.connections.tck.TableStoreContract;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** Every storage suite on the embedded H2 file database, a new folder per test. */
class H2StorageContractTest extends StorageContract {

    private static final AtomicInteger FOLDERS = new AtomicInteger();

    @TempDir
    static Path root;

    @Override
    protected Storage createStorage() {
        return JdbcStorage.embedded(root.resolve("storage-" + FOLDERS.incrementAndGet()));
    }

    @Nested
    class ConnectionStoreTests extends ConnectionStoreContract {
        @Override
        protected Storage createStorage() {
            return H2StorageContractTest.this.createStorage();
        }
    }

    @Nested
    class TableStoreTests extends TableStoreContract {
        @Override
        protected Storage createStorage() {
            return H2StorageContractTest.this.createStorage();
        }
    }

    @Nested
    class HistoryStoreTests extends HistoryStoreContract {
        @Override
        protected Storage createStorage() {
            return H2StorageContractTest.this.createStorage();
        }
    }

    @Nested
    class TableDataTests extends TableDataContract {
        @Override
        protected Storage createStorage() {
            return H2StorageContractTest.this.createStorage();
        }
    }

    @Nested
    class LeaseTests extends LeaseContract {
        @Override
        protected Storage createStorage() {
            return H2StorageContractTest.this.createStorage();
        }
    }

    @Nested
    class AuthorizationStoreTests extends AuthorizationStoreContract {
        @Override
        protected Storage createStorage() {
            return H2StorageContractTest.this.createStorage();
        }
    }

    @Nested
    class StorageLifecycleTests extends StorageLifecycleContract {
        @Override
        protected Storage createStorage() {
            return H2StorageContractTest.this.createStorage();
        }
    }
}

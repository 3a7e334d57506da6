package dev.connections.core.internal.memory;

import dev.connections.spi.storage.Storage;
import dev.connections.tck.AuthorizationStoreContract;
import dev.connections.tck.ConnectionStoreContract;
import dev.connections.tck.HistoryStoreContract;
import dev.connections.tck.LeaseContract;
import dev.connections.tck.StorageContract;
import dev.connections.tck.StorageLifecycleContract;
import dev.connections.tck.TableDataContract;
import dev.connections.tck.TableStoreContract;
import org.junit.jupiter.api.Nested;

/** The in-memory storage passes every storage suite. */
class InMemoryStorageContractTest extends StorageContract {

    @Override
    protected Storage createStorage() {
        return new InMemoryStorage();
    }

    @Nested
    class ConnectionStoreTests extends ConnectionStoreContract {
        @Override
        protected Storage createStorage() {
            return InMemoryStorageContractTest.this.createStorage();
        }
    }

    @Nested
    class TableStoreTests extends TableStoreContract {
        @Override
        protected Storage createStorage() {
            return InMemoryStorageContractTest.this.createStorage();
        }
    }

    @Nested
    class HistoryStoreTests extends HistoryStoreContract {
        @Override
        protected Storage createStorage() {
            return InMemoryStorageContractTest.this.createStorage();
        }
    }

    @Nested
    class TableDataTests extends TableDataContract {
        @Override
        protected Storage createStorage() {
            return InMemoryStorageContractTest.this.createStorage();
        }
    }

    @Nested
    class LeaseTests extends LeaseContract {
        @Override
        protected Storage createStorage() {
            return InMemoryStorageContractTest.this.createStorage();
        }
    }

    @Nested
    class AuthorizationStoreTests extends AuthorizationStoreContract {
        @Override
        protected Storage createStorage() {
            return InMemoryStorageContractTest.this.createStorage();
        }
    }

    @Nested
    class StorageLifecycleTests extends StorageLifecycleContract {
        @Override
        protected Storage createStorage() {
            return InMemoryStorageContractTest.this.createStorage();
        }
    }
}

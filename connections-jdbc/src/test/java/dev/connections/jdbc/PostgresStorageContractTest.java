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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every storage suite on PostgreSQL, a new schema per test. */
@ExtendWith(EmbeddedPostgresExtension.class)
class PostgresStorageContractTest extends StorageContract {

    @Override
    protected Storage createStorage() {
        return JdbcStorage.of(EmbeddedPostgresExtension.dataSource(), EmbeddedPostgresExtension.freshSchema());
    }

    @Nested
    class ConnectionStoreTests extends ConnectionStoreContract {
        @Override
        protected Storage createStorage() {
            return PostgresStorageContractTest.this.createStorage();
        }
    }

    @Nested
    class TableStoreTests extends TableStoreContract {
        @Override
        protected Storage createStorage() {
            return PostgresStorageContractTest.this.createStorage();
        }
    }

    @Nested
    class HistoryStoreTests extends HistoryStoreContract {
        @Override
        protected Storage createStorage() {
            return PostgresStorageContractTest.this.createStorage();
        }
    }

    @Nested
    class TableDataTests extends TableDataContract {
        @Override
        protected Storage createStorage() {
            return PostgresStorageContractTest.this.createStorage();
        }
    }

    @Nested
    class LeaseTests extends LeaseContract {
        @Override
        protected Storage createStorage() {
            return PostgresStorageContractTest.this.createStorage();
        }
    }

    @Nested
    class AuthorizationStoreTests extends AuthorizationStoreContract {
        @Override
        protected Storage createStorage() {
            return PostgresStorageContractTest.this.createStorage();
        }
    }

    @Nested
    class StorageLifecycleTests extends StorageLifecycleContract {
        @Override
        protected Storage createStorage() {
            return PostgresStorageContractTest.this.createStorage();
        }
    }
}

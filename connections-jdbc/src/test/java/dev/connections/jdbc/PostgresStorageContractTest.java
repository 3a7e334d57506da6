package dev.connections.jdbc;

import dev.connections.spi.storage.Storage;
import dev.connections.tck.StorageContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** The storage contract on PostgreSQL, a new schema per test. */
@ExtendWith(EmbeddedPostgresExtension.class)
class PostgresStorageContractTest extends StorageContract {

    @Override
    protected Storage createStorage() {
        return JdbcStorage.of(EmbeddedPostgresExtension.dataSource(), EmbeddedPostgresExtension.freshSchema());
    }
}

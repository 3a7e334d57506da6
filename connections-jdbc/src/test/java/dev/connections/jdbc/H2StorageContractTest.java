package dev.connections.jdbc;

import dev.connections.spi.storage.Storage;
import dev.connections.tck.StorageContract;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract on the embedded H2 file database, a new folder per test. */
class H2StorageContractTest extends StorageContract {

    private static final AtomicInteger FOLDERS = new AtomicInteger();

    @TempDir
    static Path root;

    @Override
    protected Storage createStorage() {
        return JdbcStorage.embedded(root.resolve("storage-" + FOLDERS.incrementAndGet()));
    }
}

package dev.connections.core.internal.memory;

import dev.connections.spi.storage.Storage;
import dev.connections.tck.StorageContract;

/** The in-memory storage passes the storage contract. */
class InMemoryStorageContractTest extends StorageContract {

    @Override
    protected Storage createStorage() {
        return new InMemoryStorage();
    }
}

package dev.connections.core;

import dev.connections.api.FieldType;
import dev.connections.api.SourceField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The data behind {@link MemoryConnector}: objects whose first field is the id, with a change version per record
 * so that incremental reads and deletions work like a real service's. Thread-safe by synchronization.
 */
final class MemorySource {

    record Version(long version, Object[] values) {
    }

    private final Map<String, List<SourceField>> schemas = new LinkedHashMap<>();
    private final Map<String, Map<Object, Version>> records = new LinkedHashMap<>();
    private final Map<String, Map<Object, Long>> deletions = new LinkedHashMap<>();
    private long version;
    final AtomicReference<RuntimeException> failNextRead = new AtomicReference<>();
    final AtomicReference<RuntimeException> failNextTest = new AtomicReference<>();
    volatile int reads;
    /** When set, reads wait on it after starting; {@link #readStarted} tells that one has. */
    volatile java.util.concurrent.CountDownLatch gate;
    final java.util.concurrent.CountDownLatch readStarted = new java.util.concurrent.CountDownLatch(1);

    synchronized MemorySource object(String name, SourceField... fields) {
        schemas.put(name, List.of(fields));
        records.put(name, new LinkedHashMap<>());
        deletions.put(name, new LinkedHashMap<>());
        return this;
    }

    /** The usual fixture: orders with id, customer, amount, status. */
    static MemorySource orders() {
        return new MemorySource().object("orders",
                new SourceField("id", "Id", FieldType.TEXT, false, true),
                SourceField.of("customer", FieldType.TEXT),
                SourceField.of("amount", FieldType.INTEGER),
                SourceField.of("status", FieldType.TEXT));
    }

    synchronized MemorySource put(String object, Object... values) {
        records.get(object).put(values[0], new Version(++version, values));
        deletions.get(object).remove(values[0]);
        return this;
    }

    synchronized MemorySource delete(String object, Object id) {
        records.get(object).remove(id);
        deletions.get(object).put(id, ++version);
        return this;
    }

    synchronized List<SourceField> schema(String object) {
        return schemas.get(object);
    }

    synchronized List<String> objects() {
        return new ArrayList<>(schemas.keySet());
    }

    synchronized long version() {
        return version;
    }

    synchronized List<Version> changedSince(String object, long since) {
        return records.get(object).values().stream().filter(v -> v.version() > since).toList();
    }

    synchronized List<Object> deletedSince(String object, long since) {
        return deletions.get(object).entrySet().stream().filter(e -> e.getValue() > since).map(Map.Entry::getKey)
                .toList();
    }
}

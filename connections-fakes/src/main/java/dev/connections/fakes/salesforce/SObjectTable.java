package dev.connections.fakes.salesforce;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * One sObject of the fake org: its definition and its records. Records are immutable maps keyed by the fields'
 * canonical names; a change replaces the map, so a scan that started before it keeps seeing the old version.
 * Records may also be generated lazily from an index (for objects of a million records): a generated record costs
 * nothing until it is read, and one that is changed or deleted is kept explicitly from then on.
 *
 * <p>Thread-safe: mutations and snapshots synchronize on the table; a scan reads generated records without a lock.
 */
final class SObjectTable {

    private static final List<FakeField> SYSTEM_FIELDS = List.of(
            FakeField.of("Id", "id").labelled("Record ID"),
            FakeField.of("IsDeleted", "boolean").labelled("Deleted"),
            FakeField.of("CreatedDate", "datetime").labelled("Created Date").required(),
            FakeField.of("LastModifiedDate", "datetime").labelled("Last Modified Date").required(),
            FakeField.of("SystemModstamp", "datetime").labelled("System Modstamp").required());

    private final String prefix;
    private final Map<String, FakeField> fields = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> live = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> recycled = new LinkedHashMap<>();
    private final List<Deletion> deletions = new ArrayList<>();
    private final Set<String> shadowed = ConcurrentHashMap.newKeySet();
    private FakeObject definition;
    private long lastId;
    private Generated generated;

    /** A record deleted at a time. */
    record Deletion(String id, Instant deletedDate) {
    }

    private record Generated(int count, IntFunction<Map<String, Object>> values, Instant stamp) {
    }

    SObjectTable(FakeObject object, String prefix) {
        this.prefix = prefix;
        this.definition = object;
        SYSTEM_FIELDS.forEach(f -> fields.put(key(f.name()), f));
        object.fields().forEach(f -> fields.put(key(f.name()), f));
    }

    synchronized FakeObject definition() {
        return new FakeObject(definition.name(), definition.label(), definition.queryable(),
                definition.replicateable(), List.copyOf(fields.values()));
    }

    String name() {
        return definition.name();
    }

    /** @return the field of that name, any case */
    synchronized Optional<FakeField> field(String name) {
        return Optional.ofNullable(fields.get(key(name)));
    }

    synchronized void addField(FakeField field) {
        fields.put(key(field.name()), field);
    }

    synchronized boolean removeField(String name) {
        return fields.remove(key(name)) != null;
    }

    synchronized String insert(Map<String, Object> values, Instant now) {
        String id = values.containsKey("Id") ? values.get("Id").toString() : newId();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("Id", id);
        record.put("IsDeleted", Boolean.FALSE);
        record.put("CreatedDate", now);
        record.put("LastModifiedDate", now);
        record.put("SystemModstamp", now);
        putAll(record, values);
        live.put(id, Collections.unmodifiableMap(record));
        return id;
    }

    synchronized void update(String id, Map<String, Object> values, Instant now) {
        Map<String, Object> record = new LinkedHashMap<>(current(id).orElseThrow(() ->
                new IllegalArgumentException("no live " + name() + " record " + id)));
        putAll(record, values);
        record.put("LastModifiedDate", now);
        record.put("SystemModstamp", now);
        shadow(id);
        live.put(id, Collections.unmodifiableMap(record));
    }

    synchronized void delete(String id, Instant now) {
        Map<String, Object> record = new LinkedHashMap<>(current(id).orElseThrow(() ->
                new IllegalArgumentException("no live " + name() + " record " + id)));
        record.put("IsDeleted", Boolean.TRUE);
        record.put("SystemModstamp", now);
        shadow(id);
        live.remove(id);
        recycled.put(id, Collections.unmodifiableMap(record));
        deletions.add(new Deletion(id, now));
    }

    /** Adds {@code count} records computed from their index on demand; their modstamp is {@code now}. */
    synchronized void generate(int count, IntFunction<Map<String, Object>> values, Instant now) {
        if (generated != null) {
            throw new IllegalStateException(name() + " has generated records already");
        }
        generated = new Generated(count, values, now);
    }

    /** @return the live record, explicit or generated */
    synchronized Optional<Map<String, Object>> current(String id) {
        Map<String, Object> r = live.get(id);
        if (r != null) {
            return Optional.of(r);
        }
        int index = generatedIndex(id);
        return index >= 0 && !shadowed.contains(id) ? Optional.of(generatedRecord(index)) : Optional.empty();
    }

    /** @return how many records are live (not deleted) */
    synchronized int liveCount() {
        return live.size() + (generated == null ? 0 : generated.count() - shadowed.size());
    }

    /**
     * Iterates over the records as Salesforce's query cursors do: which records come is fixed when the scan starts,
     * their values are read as the scan reaches them (a record changed meanwhile comes in its new version, one
     * deleted meanwhile not at all).
     *
     * @param withDeleted   whether soft-deleted records still in the recycle bin come too (queryAll)
     * @param modstampFloor when not null, generated records older than it are skipped without being made
     * @param retention     how long deleted records stay in the recycle bin
     */
    synchronized Iterator<Map<String, Object>> scan(boolean withDeleted, Instant modstampFloor, Instant now,
                                                    Duration retention) {
        List<String> explicit = new ArrayList<>(live.keySet());
        if (withDeleted) {
            Instant oldest = now.minus(retention);
            recycled.values().stream().filter(r -> !((Instant) r.get("SystemModstamp")).isBefore(oldest))
                    .forEach(r -> explicit.add((String) r.get("Id")));
        }
        Set<String> shadowedAtStart = Set.copyOf(shadowed);
        Generated g = generated;
        Map<String, FakeField> fieldsNow = new HashMap<>(fields);
        fields.values().forEach(f -> fieldsNow.put(f.name(), f));
        boolean skipGenerated = g == null || modstampFloor != null && g.stamp().isBefore(modstampFloor);
        int count = skipGenerated ? 0 : g.count();
        return new Iterator<>() {
            private int index;
            private int explicitIndex;
            private Map<String, Object> next;

            @Override
            public boolean hasNext() {
                while (next == null && index < count) {
                    String id = generatedId(index++);
                    if (shadowedAtStart.contains(id)) {
                        continue;
                    }
                    next = shadowed.contains(id) ? explicit(id, false) : generatedRecord(g, index - 1, fieldsNow);
                }
                while (next == null && explicitIndex < explicit.size()) {
                    next = explicit(explicit.get(explicitIndex++), withDeleted);
                }
                return next != null;
            }

            @Override
            public Map<String, Object> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Map<String, Object> r = next;
                next = null;
                return r;
            }
        };
    }

    /** @return the record as it is now: live, or deleted when those count; null when neither */
    private synchronized Map<String, Object> explicit(String id, boolean withDeleted) {
        Map<String, Object> r = live.get(id);
        return r != null || !withDeleted ? r : recycled.get(id);
    }

    /** @return the deletions in [start, end) that happened after {@code oldest}, oldest first */
    synchronized List<Deletion> deletions(Instant start, Instant end, Instant oldest) {
        return deletions.stream().filter(d -> !d.deletedDate().isBefore(start) && d.deletedDate().isBefore(end)
                && !d.deletedDate().isBefore(oldest)).toList();
    }

    private void putAll(Map<String, Object> record, Map<String, Object> values) {
        values.forEach((name, value) -> {
            if (name.equals("Id")) {
                return;
            }
            FakeField f = field(name).orElseThrow(() -> new IllegalArgumentException(
                    name() + " has no field " + name + "; it has " + fields.keySet()));
            record.put(f.name(), SfValues.normalize(f, value));
        });
    }

    private void shadow(String id) {
        if (generatedIndex(id) >= 0) {
            shadowed.add(id);
        }
    }

    private String newId() {
        return id(500_000_000_000L + ++lastId);
    }

    /** @return the id of the generated record at an index */
    String generatedIdOf(int index) {
        return generatedId(index);
    }

    private String generatedId(int index) {
        return id(index + 1L);
    }

    /** @return the key prefix, the number in 12 digits, and AAA: an 18-character id */
    private String id(long number) {
        String digits = Long.toString(number);
        return prefix + "000000000000".substring(digits.length()) + digits + "AAA";
    }

    private int generatedIndex(String id) {
        Generated g = generated;
        if (g == null || id.length() != 18 || !id.startsWith(prefix) || !id.endsWith("AAA")) {
            return -1;
        }
        try {
            long n = Long.parseLong(id.substring(3, 15)) - 1;
            return n >= 0 && n < g.count() ? (int) n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Map<String, Object> generatedRecord(int index) {
        return generatedRecord(generated, index, fields);
    }

    private Map<String, Object> generatedRecord(Generated g, int index, Map<String, FakeField> known) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("Id", generatedId(index));
        record.put("IsDeleted", Boolean.FALSE);
        record.put("CreatedDate", g.stamp());
        record.put("LastModifiedDate", g.stamp());
        record.put("SystemModstamp", g.stamp());
        g.values().apply(index).forEach((name, value) -> {
            FakeField f = known.get(name);
            if (f == null) {
                f = known.get(key(name));
            }
            if (f != null) {
                record.put(f.name(), SfValues.normalize(f, value));
            }
        });
        return record;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}

package dev.connections.fakes.quickbooks;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One QuickBooks company (a realm) of a {@link FakeQuickBooks}: its name and its entities in memory. Tests add,
 * change and delete records here; the fake stamps {@code Id}, {@code SyncToken} and {@code MetaData} (CreateTime,
 * LastUpdatedTime) from its clock, in the company's time zone (Pacific, as QuickBooks does for US companies).
 * Thread-safe.
 *
 * <p>Values may be strings, numbers (kept exactly, as decimals), booleans, maps (nested objects such as
 * {@code CurrencyRef}) and lists (such as {@code Line}). A property set to null is removed: QuickBooks leaves
 * properties without a value out of its answers.
 */
public final class FakeCompany {

    /** The entities the fake serves, as QuickBooks spells them (names are case-sensitive). */
    public static final Set<String> ENTITIES = Set.of("Account", "Bill", "BillPayment", "Customer", "CreditMemo",
            "Deposit", "Employee", "Estimate", "Invoice", "Item", "JournalEntry", "Payment", "Purchase",
            "PurchaseOrder", "SalesReceipt", "Vendor", "VendorCredit");

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private final String realmId;
    private final String name;
    private final Clock clock;
    private final ZoneId zone = ZoneId.of("America/Los_Angeles");
    private final Map<String, Map<String, Map<String, Object>>> records = new LinkedHashMap<>();
    private final Map<String, Map<String, Instant>> deleted = new LinkedHashMap<>();
    private long nextId = 1;
    private volatile boolean administrator = true;

    FakeCompany(String realmId, String name, Clock clock) {
        this.realmId = Objects.requireNonNull(realmId, "realmId");
        this.name = Objects.requireNonNull(name, "name");
        this.clock = clock;
    }

    public String realmId() {
        return realmId;
    }

    public String name() {
        return name;
    }

    /**
     * Whether the user who authorized is a company administrator. When false, every API call on this company
     * answers 403 with fault code 3100 (AuthorizationFailed), as QuickBooks does for other users.
     */
    public void administrator(boolean value) {
        administrator = value;
    }

    boolean administrator() {
        return administrator;
    }

    /**
     * Adds a record.
     *
     * @param entity an entity of {@link #ENTITIES}
     * @param fields its properties, without Id and MetaData
     * @return the Id the fake gave it
     */
    public synchronized String insert(String entity, Map<String, ?> fields) {
        Map<String, Map<String, Object>> table = table(entity);
        String id = String.valueOf(nextId++);
        String now = now();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("Id", id);
        record.put("SyncToken", "0");
        record.put("domain", "QBO");
        merge(record, fields);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("CreateTime", now);
        meta.put("LastUpdatedTime", now);
        record.put("MetaData", meta);
        table.put(id, record);
        return id;
    }

    /** Changes some properties of a record (null removes one) and stamps a new LastUpdatedTime and SyncToken. */
    @SuppressWarnings("unchecked")
    public synchronized void update(String entity, String id, Map<String, ?> changes) {
        Map<String, Object> record = existing(entity, id);
        merge(record, changes);
        record.put("SyncToken", String.valueOf(Long.parseLong((String) record.get("SyncToken")) + 1));
        ((Map<String, Object>) record.get("MetaData")).put("LastUpdatedTime", now());
    }

    /** Deletes a record; change data capture reports it as deleted for 30 days. */
    public synchronized void delete(String entity, String id) {
        existing(entity, id);
        table(entity).remove(id);
        deleted.computeIfAbsent(entity, e -> new LinkedHashMap<>()).put(id, clock.instant());
    }

    /** @return a copy of a record as the API would show it */
    public synchronized Optional<Map<String, Object>> get(String entity, String id) {
        Map<String, Object> record = table(entity).get(id);
        return Optional.ofNullable(record == null ? null : copy(record));
    }

    /** @return how many records of an entity exist */
    public synchronized int count(String entity) {
        return table(entity).size();
    }

    /** @return copies of the records of an entity that match, in Id order */
    synchronized List<Map<String, Object>> matching(String entity, Predicate<Map<String, Object>> filter) {
        List<Map<String, Object>> copies = new ArrayList<>();
        for (Map<String, Object> r : table(entity).values()) {
            if (filter.test(r)) {
                copies.add(copy(r));
            }
        }
        return copies;
    }

    /** @return copies of the records changed at or after an instant */
    synchronized List<Map<String, Object>> changedSince(String entity, Instant since) {
        List<Map<String, Object>> changed = new ArrayList<>();
        for (Map<String, Object> r : table(entity).values()) {
            if (!lastUpdated(r).isBefore(since)) {
                changed.add(copy(r));
            }
        }
        return changed;
    }

    /** @return the deletion stubs ({@code Id}, {@code status: Deleted}, {@code MetaData}) at or after an instant */
    synchronized List<Map<String, Object>> deletedSince(String entity, Instant since) {
        List<Map<String, Object>> stubs = new ArrayList<>();
        deleted.getOrDefault(entity, Map.of()).forEach((id, at) -> {
            if (!at.isBefore(since)) {
                Map<String, Object> stub = new LinkedHashMap<>();
                stub.put("domain", "QBO");
                stub.put("status", "Deleted");
                stub.put("Id", id);
                stub.put("MetaData", new LinkedHashMap<>(Map.of("LastUpdatedTime", format(at))));
                stubs.add(stub);
            }
        });
        return stubs;
    }

    static Instant lastUpdated(Map<String, Object> record) {
        Object time = QueryValues.property(record, "MetaData.LastUpdatedTime");
        return OffsetDateTime.parse(String.valueOf(time)).toInstant();
    }

    String now() {
        return format(clock.instant());
    }

    private String format(Instant at) {
        return TIME.format(at.atZone(zone));
    }

    private Map<String, Map<String, Object>> table(String entity) {
        if (!ENTITIES.contains(entity)) {
            throw new IllegalArgumentException("the fake has no entity '" + entity + "'; it has " + ENTITIES);
        }
        return records.computeIfAbsent(entity, e -> new LinkedHashMap<>());
    }

    private Map<String, Object> existing(String entity, String id) {
        Map<String, Object> record = table(entity).get(id);
        if (record == null) {
            throw new IllegalArgumentException("company " + realmId + " has no " + entity + " " + id);
        }
        return record;
    }

    private static void merge(Map<String, Object> record, Map<String, ?> changes) {
        changes.forEach((key, value) -> {
            if (key.equals("Id") || key.equals("MetaData") || key.equals("SyncToken")) {
                throw new IllegalArgumentException("the fake sets " + key + " itself");
            }
            if (value == null) {
                record.remove(key);
            } else {
                record.put(key, Json.copy(value));
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> record) {
        return (Map<String, Object>) Json.copy(record);
    }
}

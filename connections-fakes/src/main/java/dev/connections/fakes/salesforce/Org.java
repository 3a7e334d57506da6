package dev.connections.fakes.salesforce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The data of the fake org: its sObjects and their records, the clock that stamps changes, and SOQL over them.
 * Thread-safe.
 */
final class Org {

    private static final Map<String, String> KEY_PREFIXES = Map.of("account", "001", "contact", "003",
            "opportunity", "006", "lead", "00Q", "case", "500", "user", "005", "organization", "00D");

    private final Map<String, SObjectTable> tables = new LinkedHashMap<>();
    private final Clock clock;
    private final Duration retention;
    private final Instant created;

    Org(Clock clock, Duration retention) {
        this.clock = clock;
        this.retention = retention;
        this.created = clock.instant();
    }

    /** A query checked against the org, ready to run. */
    record Prepared(SoqlQuery query, String soql, SObjectTable table, List<FakeField> fields,
                    Predicate<Map<String, Object>> where, Instant modstampFloor, boolean all) {
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    Duration retention() {
        return retention;
    }

    /** @return the oldest moment deletions are still known for: the org's creation or the retention window */
    Instant earliestDeletionAvailable() {
        Instant oldest = now().minus(retention);
        return (oldest.isBefore(created) ? created : oldest).truncatedTo(ChronoUnit.MINUTES);
    }

    synchronized void add(FakeObject object) {
        String key = key(object.name());
        if (tables.containsKey(key)) {
            throw new IllegalArgumentException("the org has an object " + object.name() + " already");
        }
        String prefix = KEY_PREFIXES.getOrDefault(key, String.format(Locale.ROOT, "a%02d", tables.size()));
        tables.put(key, new SObjectTable(object, prefix));
    }

    synchronized Optional<SObjectTable> table(String name) {
        return Optional.ofNullable(tables.get(key(name)));
    }

    SObjectTable existing(String name) {
        return table(name).orElseThrow(() -> new IllegalArgumentException("the org has no object " + name));
    }

    synchronized List<SObjectTable> tables() {
        return List.copyOf(tables.values());
    }

    /**
     * Parses and checks a query: the object exists and is queryable, every field exists and the WHERE clause fits
     * the fields' types.
     *
     * @param all  whether deleted records in the recycle bin are included (queryAll)
     * @throws SoqlException MALFORMED_QUERY, INVALID_TYPE or INVALID_FIELD
     */
    Prepared prepare(String soql, boolean all) {
        SoqlQuery q = SoqlParser.parse(soql);
        SObjectTable table = table(q.object()).filter(t -> t.definition().queryable()).orElseThrow(() ->
                new SoqlException("INVALID_TYPE", located(soql, q.object()) + "sObject type '" + q.object()
                        + "' is not supported. If you are attempting to use a custom object, be sure to append the "
                        + "'__c' after the entity name. Please reference your WSDL or the describe call for the "
                        + "appropriate names."));
        List<FakeField> fields = new ArrayList<>();
        for (String name : q.fields()) {
            fields.add(field(table, soql, name));
        }
        Predicate<Map<String, Object>> where = SoqlPredicates.compile(q.where(), name -> field(table, soql, name));
        for (SoqlQuery.Order o : q.orderBy()) {
            field(table, soql, o.field());
        }
        return new Prepared(q, soql, table, fields, where, SoqlPredicates.modstampFloor(q.where()), all);
    }

    /** @return the matching records, ordered and limited as the query says */
    Iterator<Map<String, Object>> run(Prepared p) {
        Iterator<Map<String, Object>> scan = p.table().scan(p.all(), p.modstampFloor(), now(), retention);
        Iterator<Map<String, Object>> matching = filter(scan, p.where());
        if (!p.query().orderBy().isEmpty()) {
            List<Map<String, Object>> all = new ArrayList<>();
            matching.forEachRemaining(all::add);
            all.sort(order(p));
            matching = all.iterator();
        }
        Integer limit = p.query().limit();
        if (limit == null) {
            return matching;
        }
        Iterator<Map<String, Object>> source = matching;
        return new Iterator<>() {
            private int left = limit;

            @Override
            public boolean hasNext() {
                return left > 0 && source.hasNext();
            }

            @Override
            public Map<String, Object> next() {
                left--;
                return source.next();
            }
        };
    }

    /** @return how many records the query matches */
    int count(Prepared p) {
        if (p.query().where() == null && !p.all() && p.query().limit() == null) {
            return p.table().liveCount();
        }
        int n = 0;
        for (Iterator<Map<String, Object>> it = run(p); it.hasNext(); it.next()) {
            n++;
        }
        return n;
    }

    private static Iterator<Map<String, Object>> filter(Iterator<Map<String, Object>> source,
                                                        Predicate<Map<String, Object>> where) {
        return new Iterator<>() {
            private Map<String, Object> next;

            @Override
            public boolean hasNext() {
                while (next == null && source.hasNext()) {
                    Map<String, Object> r = source.next();
                    if (where.test(r)) {
                        next = r;
                    }
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

    private static Comparator<Map<String, Object>> order(Prepared p) {
        Comparator<Map<String, Object>> result = (a, b) -> 0;
        for (SoqlQuery.Order o : p.query().orderBy()) {
            String name = p.table().field(o.field()).orElseThrow().name();
            Comparator<Object> values = (x, y) -> compareValues(x, y);
            Comparator<Object> directed = o.descending() ? values.reversed() : values;
            Comparator<Object> nulls = o.nullsLast() ? Comparator.nullsLast(directed) : Comparator.nullsFirst(directed);
            result = result.thenComparing(r -> r.get(name), nulls);
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static int compareValues(Object x, Object y) {
        if (x instanceof String a && y instanceof String b) {
            return a.compareToIgnoreCase(b);
        }
        return ((Comparable<Object>) x).compareTo(y);
    }

    private static FakeField field(SObjectTable table, String soql, String name) {
        return table.field(name).orElseThrow(() -> new SoqlException("INVALID_FIELD", located(soql, name)
                + "No such column '" + name + "' on entity '" + table.name() + "'. If you are attempting to use a "
                + "custom field, be sure to append the '__c' after the custom field name. Please reference your "
                + "WSDL or the describe call for the appropriate names."));
    }

    /** The start of Salesforce's query error messages: the query, a caret under the culprit, row and column. */
    private static String located(String soql, String culprit) {
        int at = Math.max(0, soql.indexOf(culprit));
        return "\n" + soql + "\n" + " ".repeat(at) + "^\nERROR at Row:1:Column:" + (at + 1) + "\n";
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}

package dev.connections.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.connections.api.FieldType;
import dev.connections.api.Filter;
import dev.connections.api.ReadMode;
import dev.connections.api.SourceField;
import dev.connections.api.SourceObject;
import dev.connections.api.SourceSchema;
import dev.connections.spi.Account;
import dev.connections.spi.Connector;
import dev.connections.spi.ConnectorDescriptor.Capability;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.Cursor;
import dev.connections.spi.ReadRequest;
import dev.connections.spi.ReadResult;
import dev.connections.spi.Row;
import dev.connections.spi.SettingSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Connector} must have. A connector proves it with a small test class in its own module
 * that extends this one and describes the connector under test with a working connection and an object whose content it
 * knows (a {@link ConnectorSubject}, which its other suites share), and the records of that object:
 *
 * <pre>{@code
 * class CsvConnectorContractTest extends ConnectorContract {
 *     protected ConnectorSubject<?> subject() {
 *         return ConnectorSubject.of(CsvConnector.allowingRoots(folder), Map.of("folder", folder.toString()))
 *                 .withKnownObject("orders.csv", List.of("id", "customer", "amount"))
 *                 .withRefreshKey(List.of("id"));
 *     }
 *     protected List<Map<String, Object>> expectedRecords() { ... }
 *     protected Filter selectiveFilter() { return Filter.field("amount").greaterThan(100); }
 * }
 * }</pre>
 *
 * <p>JUnit makes one instance per test and runs the tests of one instance on one thread. Each test gets a session
 * opened on the subject's settings before it and closed after it; every session the contract opens (the one of each
 * test and the further ones some tests open: a second session on the same connection, the session of an incremental
 * read) gets its context from {@link ConnectorSubject#newContext}. The abstract methods may be called several times in
 * a test and must give equal answers; none of them may return null. Records are compared by value: DECIMAL whatever
 * the scale, DATETIME and TIME to the microsecond (see {@link Rows}).
 */
public abstract class ConnectorContract {

    private TestConnectorContext context;
    private ConnectorSession session;

    /**
     * @return the connector under test, a working connection's settings, how a session's context is made, and an
     *         object whose content is known (its fields and refresh key given too); never null
     */
    protected abstract ConnectorSubject<?> subject();

    /**
     * Every record of the subject's known object, as field name -> value (values of the field type's Java class or
     * null), for its known fields.
     */
    protected abstract List<Map<String, Object>> expectedRecords();

    /** A filter that matches some but not all expected records. */
    protected abstract Filter selectiveFilter();

    /** @return the name of an object the connection cannot see; override when the default could exist */
    protected String unknownObject() {
        return "tck_no_such_object";
    }

    /** @return the session opened for the running test; never null */
    protected final ConnectorSession session() {
        return session;
    }

    /** @return the context that session was opened with; never null */
    protected final TestConnectorContext context() {
        return context;
    }

    @BeforeEach
    void openSession() {
        context = newContext(settings());
        session = connector().open(context);
    }

    @AfterEach
    void closeSession() {
        if (session != null) {
            session.close();
        }
    }

    // --- the descriptor

    @Test
    void descriptorIsTheSameOnEveryCall() {
        assertThat(connector().descriptor()).isEqualTo(connector().descriptor());
    }

    @Test
    void descriptorIdIsLowerCase() {
        String id = connector().descriptor().id();
        assertThat(id).isEqualTo(id.toLowerCase(Locale.ROOT)).matches("[a-z][a-z0-9_-]*");
    }

    @Test
    void descriptorHasADisplayName() {
        assertThat(connector().descriptor().displayName()).isNotBlank();
    }

    @Test
    void settingKeysAreUnique() {
        List<String> keys = connector().descriptor().settings().stream().map(SettingSpec::key).toList();
        assertThat(keys).doesNotHaveDuplicates();
    }

    @Test
    void requiredSettingsWithoutDefaultAreGivenInTheSettings() {
        for (SettingSpec spec : connector().descriptor().settings()) {
            if (spec.required() && spec.defaultValue() == null) {
                assertThat(settings().get(spec.key())).as("required setting '%s'", spec.key()).isNotBlank();
            }
        }
    }

    @Test
    void secretSettingsHaveNoDefault() {
        for (SettingSpec spec : connector().descriptor().settings()) {
            if (spec.secret()) {
                assertThat(spec.defaultValue()).as("default of secret setting '%s'", spec.key()).isNull();
            }
        }
    }

    // --- the fixture itself

    @Test
    void refreshKeyIsOneToFourOfTheKnownFields() {
        assertThat(refreshKey()).hasSizeBetween(1, 4).doesNotHaveDuplicates();
        assertThat(knownFields()).doesNotHaveDuplicates().containsAll(refreshKey());
    }

    @Test
    void selectiveFilterMatchesSomeButNotAllExpectedRecords() {
        long matching = matchingExpectedRecords(knownSourceFields()).size();
        assertThat(matching).isBetween(1L, expectedRecords().size() - 1L);
    }

    // --- test, objects, describe

    @Test
    void testReturnsTheAccountTheConnectionReaches() {
        Account account = session.test();
        assertThat(account).isNotNull();
        assertThat(account.id()).isNotBlank();
        assertThat(account.displayName()).isNotBlank();
    }

    @Test
    void testReachesTheSameAccountEveryTime() {
        Account first = session.test();
        try (ConnectorSession another = connector().open(newContext(settings()))) {
            assertThat(another.test().id()).isEqualTo(first.id());
        }
    }

    @Test
    void objectsListTheKnownObject() {
        assertThat(session.objects()).extracting(SourceObject::name).contains(knownObject());
    }

    @Test
    void objectsAreListedInAStableOrderWithUniqueNames() {
        List<SourceObject> first = session.objects();
        assertThat(first).extracting(SourceObject::name).doesNotHaveDuplicates();
        assertThat(session.objects()).isEqualTo(first);
    }

    @Test
    void describeNamesTheObject() {
        assertThat(session.describe(knownObject()).object()).isEqualTo(knownObject());
    }

    @Test
    void describeHasEveryKnownFieldWithATypeThatFitsTheExpectedValues() {
        SourceSchema schema = session.describe(knownObject());
        assertThat(schema.fieldNames()).containsAll(knownFields()).doesNotHaveDuplicates();
        for (String name : knownFields()) {
            FieldType type = schema.field(name).orElseThrow().type();
            for (Map<String, Object> record : expectedRecords()) {
                Object value = record.get(name);
                if (value != null) {
                    assertThat(value).as("expected value of %s (%s)", name, type).isInstanceOf(type.javaType());
                }
            }
        }
    }

    @Test
    void naturalKeyFieldsAreFieldsOfTheObject() {
        SourceSchema schema = session.describe(knownObject());
        assertThat(schema.fieldNames()).containsAll(schema.naturalKey());
    }

    @Test
    void describingAnUnknownObjectFailsWithNotFound() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> session.describe(unknownObject()));
        assertThat(e).as("describe(\"%s\") must throw a ConnectorException", unknownObject()).isNotNull();
        assertThat(e.kind()).isEqualTo(ConnectorException.Kind.NOT_FOUND);
        assertThat(e.getMessage()).isNotBlank();
    }

    @Test
    void readingAnUnknownObjectFailsWithNotFound() {
        ReadRequest request = new ReadRequest(unknownObject(), knownSourceFields(), refreshKey(), Filter.all(),
                ReadMode.FULL, null);
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> session.read(request, new CollectingSink()));
        assertThat(e).as("reading \"%s\" must throw a ConnectorException", unknownObject()).isNotNull();
        assertThat(e.kind()).isEqualTo(ConnectorException.Kind.NOT_FOUND);
    }

    // --- full reads

    @Test
    void fullReadDeliversExactlyTheExpectedRecords() {
        CollectingSink sink = new CollectingSink();
        ReadResult result = session.read(fullRead(knownSourceFields(), Filter.all()), sink);

        assertThat(result.performed()).isEqualTo(ReadMode.FULL);
        assertThat(normalized(sink.records(knownFields()))).containsExactlyInAnyOrderElementsOf(
                normalized(expectedRecords()));
    }

    @Test
    void fullReadDeliversOneValueOfTheFieldTypesClassPerRequestedField() {
        List<SourceField> fields = knownSourceFields();
        CollectingSink sink = new CollectingSink();
        session.read(fullRead(fields, Filter.all()), sink);

        assertThat(sink.rows()).isNotEmpty();
        for (Row row : sink.rows()) {
            assertThat(row.values()).as("row %s", row).hasSize(fields.size());
            for (int i = 0; i < fields.size(); i++) {
                Object value = row.get(i);
                if (value != null) {
                    assertThat(value).as("field %s of row %s", fields.get(i).name(), row)
                            .isInstanceOf(fields.get(i).type().javaType());
                }
            }
        }
    }

    @Test
    void fullReadGivesEveryRecordAUniqueRefreshKeyWithoutBlanks() {
        CollectingSink sink = new CollectingSink();
        session.read(fullRead(knownSourceFields(), Filter.all()), sink);

        Set<List<Object>> keys = new HashSet<>();
        for (Map<String, Object> record : sink.records(knownFields())) {
            List<Object> key = new ArrayList<>();
            for (String field : refreshKey()) {
                Object value = record.get(field);
                assertThat(value == null || value instanceof String s && s.isBlank())
                        .as("refresh key field %s is blank in %s", field, record).isFalse();
                key.add(Rows.normalized(value));
            }
            assertThat(keys.add(key)).as("refresh key %s delivered twice", key).isTrue();
        }
    }

    @Test
    void fullReadReportsNoDeletions() {
        CollectingSink sink = new CollectingSink();
        session.read(fullRead(knownSourceFields(), Filter.all()), sink);
        assertThat(sink.deletions()).isEmpty();
    }

    @Test
    void fullReadGivesACursorWhenTheConnectorReadsIncrementally() {
        assumeTrue(capabilities().contains(Capability.INCREMENTAL), "the connector does not read incrementally");
        ReadResult result = session.read(fullRead(knownSourceFields(), Filter.all()), new CollectingSink());
        assertThat(result.next()).isNotNull();
    }

    @Test
    void fullReadIsRepeatable() {
        CollectingSink first = new CollectingSink();
        session.read(fullRead(knownSourceFields(), Filter.all()), first);
        CollectingSink second = new CollectingSink();
        session.read(fullRead(knownSourceFields(), Filter.all()), second);
        assertThat(normalized(second.records(knownFields())))
                .containsExactlyInAnyOrderElementsOf(normalized(first.records(knownFields())));
    }

    // --- incremental reads

    @Test
    void incrementalReadWithNothingChangedDeliversNothingOrReadsInFull() {
        assumeTrue(capabilities().contains(Capability.INCREMENTAL), "the connector does not read incrementally");
        Cursor cursor = session.read(fullRead(knownSourceFields(), Filter.all()), new CollectingSink()).next();
        assertThat(cursor).as("cursor of a full read").isNotNull();

        CollectingSink sink = new CollectingSink();
        ReadResult result;
        try (ConnectorSession next = connector().open(newContext(settings()))) {
            result = next.read(new ReadRequest(knownObject(), knownSourceFields(), refreshKey(), Filter.all(),
                    ReadMode.INCREMENTAL, cursor), sink);
        }

        if (result.performed() == ReadMode.INCREMENTAL) {
            assertThat(sink.rows()).as("records changed since the cursor").isEmpty();
            assertThat(sink.deletions()).as("records deleted since the cursor").isEmpty();
        } else {
            assertThat(normalized(sink.records(knownFields())))
                    .containsExactlyInAnyOrderElementsOf(normalized(expectedRecords()));
        }
        assertThat(result.next()).as("cursor of the incremental read").isNotNull();
    }

    // --- filters, field order, field types

    @Test
    void filteredReadDeliversEveryMatchingRecord() {
        List<SourceField> fields = knownSourceFields();
        CollectingSink sink = new CollectingSink();
        session.read(fullRead(fields, selectiveFilter()), sink);

        assertThat(normalized(sink.records(knownFields())))
                .containsAll(normalized(matchingExpectedRecords(fields)));
    }

    @Test
    void filteredReadGivesExactlyTheMatchingRecordsOnceFilteredAgain() {
        List<SourceField> fields = knownSourceFields();
        Filter.RowPredicate filter = selectiveFilter().compile(fields);
        CollectingSink sink = new CollectingSink();
        session.read(fullRead(fields, selectiveFilter()), sink);

        List<Map<String, Object>> kept = new ArrayList<>();
        List<Row> rows = sink.rows();
        List<Map<String, Object>> records = sink.records(knownFields());
        for (int i = 0; i < records.size(); i++) {
            if (filter.test(rows.get(i).values())) {
                kept.add(records.get(i));
            }
        }
        assertThat(normalized(kept)).containsExactlyInAnyOrderElementsOf(
                normalized(matchingExpectedRecords(fields)));
    }

    @Test
    void readWithFieldsInAnotherOrderGivesRowsInThatOrder() {
        List<SourceField> reversed = new ArrayList<>(knownSourceFields());
        Collections.reverse(reversed);
        List<String> names = reversed.stream().map(SourceField::name).toList();
        CollectingSink sink = new CollectingSink();
        session.read(fullRead(reversed, Filter.all()), sink);

        assertThat(normalized(sink.records(names))).containsExactlyInAnyOrderElementsOf(
                normalized(expectedRecords()));
    }

    @Test
    void readOfTheRefreshKeyFieldsOnlyGivesRowsOfThoseFields() {
        SourceSchema schema = session.describe(knownObject());
        List<SourceField> keyFields = refreshKey().stream().map(n -> schema.field(n).orElseThrow()).toList();
        CollectingSink sink = new CollectingSink();
        session.read(fullRead(keyFields, Filter.all()), sink);

        assertThat(sink.rows()).allSatisfy(row -> assertThat(row.values()).hasSize(keyFields.size()));
        List<Map<String, Object>> expected = new ArrayList<>();
        for (Map<String, Object> record : expectedRecords()) {
            Map<String, Object> key = new HashMap<>();
            refreshKey().forEach(field -> key.put(field, record.get(field)));
            expected.add(key);
        }
        assertThat(normalized(sink.records(refreshKey()))).containsExactlyInAnyOrderElementsOf(normalized(expected));
    }

    @Test
    void readingAFieldAsTextGivesItsValuesAsText() {
        List<SourceField> fields = knownSourceFields();
        int index = -1;
        for (int i = 0; i < fields.size() && index < 0; i++) {
            if (fields.get(i).type() != FieldType.TEXT && !refreshKey().contains(fields.get(i).name())) {
                index = i;
            }
        }
        assumeTrue(index >= 0, "every known field outside the refresh key is TEXT already");
        String name = fields.get(index).name();
        List<SourceField> asText = new ArrayList<>(fields);
        asText.set(index, fields.get(index).withType(FieldType.TEXT));
        CollectingSink sink = new CollectingSink();
        session.read(fullRead(asText, Filter.all()), sink);

        Map<List<Object>, Object> expectedByKey = new HashMap<>();
        expectedRecords().forEach(r -> expectedByKey.put(key(r), r.get(name)));
        assertThat(sink.rows()).hasSameSizeAs(expectedRecords());
        for (Map<String, Object> record : sink.records(knownFields())) {
            Object value = record.get(name);
            if (value != null) {
                assertThat(value).as("%s read as TEXT in %s", name, record).isInstanceOf(String.class);
            }
            if (expectedByKey.get(key(record)) != null) {
                assertThat(value).as("%s read as TEXT in %s", name, record).isNotNull();
            }
        }
    }

    // --- sessions

    @Test
    void aSessionCanBeClosedTwice() {
        ConnectorSession another = connector().open(newContext(settings()));
        List<SourceObject> before = another.objects();
        another.close();
        another.close();
        try (ConnectorSession next = connector().open(newContext(settings()))) {
            assertThat(next.objects()).as("a session opened after one was closed twice lists the same objects")
                    .isEqualTo(before);
        }
    }

    // --- helpers

    private Connector connector() {
        return subject().connector();
    }

    private Map<String, String> settings() {
        return subject().settings();
    }

    private TestConnectorContext newContext(Map<String, String> settings) {
        return subject().newContext(settings);
    }

    private String knownObject() {
        return subject().knownObject();
    }

    private List<String> knownFields() {
        return subject().knownFields();
    }

    private List<String> refreshKey() {
        return subject().refreshKey();
    }

    private Set<Capability> capabilities() {
        return connector().descriptor().capabilities();
    }

    private List<SourceField> knownSourceFields() {
        SourceSchema schema = session.describe(knownObject());
        List<SourceField> fields = new ArrayList<>();
        for (String name : knownFields()) {
            fields.add(schema.field(name).orElseThrow(() -> new AssertionError(
                    "describe(\"" + knownObject() + "\") has no field " + name + "; it has " + schema.fieldNames())));
        }
        return fields;
    }

    private ReadRequest fullRead(List<SourceField> fields, Filter filter) {
        return new ReadRequest(knownObject(), fields, refreshKey(), filter, ReadMode.FULL, null);
    }

    private List<Map<String, Object>> matchingExpectedRecords(List<SourceField> fields) {
        Filter.RowPredicate filter = selectiveFilter().compile(fields);
        List<Map<String, Object>> matching = new ArrayList<>();
        for (Map<String, Object> record : expectedRecords()) {
            Object[] row = fields.stream().map(f -> record.get(f.name())).toArray();
            if (filter.test(row)) {
                matching.add(record);
            }
        }
        return matching;
    }

    private List<Object> key(Map<String, Object> record) {
        List<Object> key = new ArrayList<>();
        refreshKey().forEach(field -> key.add(Rows.normalized(record.get(field))));
        return key;
    }

    private static List<Map<String, Object>> normalized(List<Map<String, Object>> records) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (Map<String, Object> record : records) {
            Map<String, Object> copy = new HashMap<>();
            record.forEach((field, value) -> copy.put(field, Rows.normalized(value)));
            result.add(copy);
        }
        return result;
    }
}

package dev.connections.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.FieldType;
import dev.connections.api.Filter;
import dev.connections.api.ReadMode;
import dev.connections.api.SourceField;
import dev.connections.spi.Connector;
import dev.connections.spi.ConnectorDescriptor.Capability;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.ReadRequest;
import dev.connections.spi.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The behaviour of a connector with {@link Capability#FILTER_PUSHDOWN}: whatever part of a filter it hands to its
 * service, a full read with the filter gives the same records, as a multiset, as a full read without one filtered
 * locally with {@link Filter#compile}. A service that compares text with another case rule, treats a missing value
 * otherwise, or rounds numbers differently would otherwise drop records the table should hold. A connector proves it
 * with a small test class in its own module that describes the connector under test with an object of a few records of
 * varied values (a {@link ConnectorSubject}, which its other suites share):
 *
 * <pre>{@code
 * class QuickBooksPushdownContractTest extends FilterPushdownContract {
 *     protected ConnectorSubject<?> subject() {
 *         return qbo.subject().withKnownObject("Customer", List.of("Id", "DisplayName", "Balance", "Active"));
 *     }
 * }
 * }</pre>
 *
 * <p>The filters are {@link #filters}: by default, for each known field, conditions built from the values the
 * unfiltered read gave (equal, not equal, greater, at most, IN, STARTS WITH and CONTAINS with the case changed, IS
 * EMPTY, IS NOT EMPTY, as the field's type allows), and an AND and an OR of two of them; each runs as a test of its
 * own, named by the filter. Records are compared as {@link Rows} compares them. Each read opens its session with a
 * context from {@link ConnectorSubject#newContext}. JUnit makes one instance per test and runs its tests on one thread.
 */
public abstract class FilterPushdownContract {

    /**
     * @return the connector under test, a working connection's settings, how a session's context is made, and a known
     *         object with a few records of varied values, with the fields to read and to filter on, the first one
     *         unique (the reads' refresh key); never null
     */
    protected abstract ConnectorSubject<?> subject();

    /**
     * The filters to push down. Override to name filters of your own, e.g. the ones your service translates in a
     * special way; {@code super.filters(fields, records)} keeps the defaults.
     *
     * @param fields  the known fields as described, in row order
     * @param records the values of every record of an unfiltered full read, in row order
     * @return the filters; never null, none of them {@link Filter#all()}
     */
    protected List<Filter> filters(List<SourceField> fields, List<List<Object>> records) {
        List<Filter> filters = new ArrayList<>();
        List<Filter> perField = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            List<Filter> conditions = conditions(fields.get(i), i, records);
            filters.addAll(conditions);
            if (!conditions.isEmpty()) {
                perField.add(conditions.get(0));
            }
        }
        if (perField.size() >= 2) {
            filters.add(perField.get(0).and(perField.get(1)));
            filters.add(perField.get(0).or(perField.get(1)));
        }
        return filters;
    }

    /**
     * @return whether a filtered read delivers only matching records (the default); false for a connector that hands
     *         only part of a filter to its service and leaves the rest to the engine, as {@link ReadRequest} allows:
     *         its filtered rows are then filtered again locally before they are compared
     */
    protected boolean deliversOnlyMatchingRecords() {
        return true;
    }

    @Test
    void descriptorDeclaresFilterPushdown() {
        assertThat(connector().descriptor().capabilities()).contains(Capability.FILTER_PUSHDOWN);
    }

    @Test
    void theFiltersIncludeOneThatMatchesSomeButNotAllRecords() {
        List<SourceField> fields = describe();
        List<List<Object>> records = read(fields, Filter.all());
        assertThat(records).as("records of %s", knownObject()).hasSizeGreaterThanOrEqualTo(2);

        List<Filter> filters = filters(fields, records);
        assertThat(filters).isNotEmpty().doesNotContain(Filter.all());
        assertThat(filters).as("filters that match some but not all records").anySatisfy(filter -> {
            long matching = locally(filter, fields, records).size();
            assertThat(matching).isBetween(1L, records.size() - 1L);
        });
    }

    @TestFactory
    Stream<DynamicTest> aFilteredReadGivesTheRecordsThatFilteringAnUnfilteredReadLocallyGives() {
        List<SourceField> fields = describe();
        List<List<Object>> all = read(fields, Filter.all());
        return filters(fields, all).stream().map(filter -> DynamicTest.dynamicTest(filter.toString(), () -> {
            List<List<Object>> pushed = read(fields, filter);
            if (!deliversOnlyMatchingRecords()) {
                pushed = locally(filter, fields, pushed);
            }
            assertThat(pushed).as("records read with the filter %s", filter)
                    .containsExactlyInAnyOrderElementsOf(locally(filter, fields, all));
        }));
    }

    // --- helpers

    private Connector connector() {
        return subject().connector();
    }

    private String knownObject() {
        return subject().knownObject();
    }

    private List<String> knownFields() {
        return subject().knownFields();
    }

    private List<SourceField> describe() {
        try (ConnectorSession session = connector().open(subject().newContext(subject().settings()))) {
            return Contracts.fields(session.describe(knownObject()), knownFields());
        }
    }

    /** @return the normalized values of every row a full read with the filter delivers */
    private List<List<Object>> read(List<SourceField> fields, Filter filter) {
        CollectingSink sink = new CollectingSink();
        try (ConnectorSession session = connector().open(subject().newContext(subject().settings()))) {
            session.read(new ReadRequest(knownObject(), fields, List.of(fields.get(0).name()), filter, ReadMode.FULL,
                    null), sink);
        }
        return sink.rows().stream().map(Row::values).map(Rows::normalized).toList();
    }

    private static List<List<Object>> locally(Filter filter, List<SourceField> fields, List<List<Object>> records) {
        Filter.RowPredicate predicate = filter.compile(fields);
        return records.stream().filter(r -> predicate.test(r.toArray())).toList();
    }

    /** @return conditions on one field built from its values, as its type allows */
    private static List<Filter> conditions(SourceField field, int index, List<List<Object>> records) {
        List<Object> values = records.stream().map(r -> r.get(index)).filter(Objects::nonNull).toList();
        String name = field.name();
        List<Filter> conditions = new ArrayList<>();
        if (values.isEmpty()) {
            conditions.add(Filter.field(name).isNotEmpty());
            return conditions;
        }
        Object value = values.get(values.size() / 2);
        FieldType type = field.type();
        switch (type) {
            case TEXT -> {
                String text = (String) value;
                Object other = values.stream().filter(v -> !v.equals(text)).findFirst().orElse(text);
                conditions.add(Filter.field(name).equalTo(text));
                conditions.add(Filter.field(name).equalTo(swapCase(text)));
                conditions.add(Filter.field(name).notEqualTo(text));
                conditions.add(Filter.field(name).in(text, other));
                if (!text.isBlank()) {
                    conditions.add(Filter.field(name).startsWith(swapCase(text.substring(0, Math.min(2,
                            text.length())))));
                    int middle = text.length() / 2;
                    conditions.add(Filter.field(name).contains(swapCase(text.substring(middle,
                            Math.min(text.length(), middle + 2)))));
                }
            }
            case BOOLEAN -> {
                conditions.add(Filter.field(name).equalTo(true));
                conditions.add(Filter.field(name).notEqualTo(true));
            }
            case JSON -> {
                // compared as text only: the empty checks below
            }
            default -> {
                conditions.add(Filter.field(name).equalTo(value));
                conditions.add(Filter.field(name).notEqualTo(value));
                conditions.add(Filter.field(name).greaterThan(value));
                conditions.add(Filter.field(name).atMost(value));
            }
        }
        conditions.add(Filter.field(name).isEmpty());
        conditions.add(Filter.field(name).isNotEmpty());
        return conditions;
    }

    /** @return the text with upper and lower case swapped, since filters compare text ignoring case */
    private static String swapCase(String text) {
        StringBuilder swapped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            swapped.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return swapped.toString().toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT))
                ? swapped.toString() : text;
    }
}

package dev.connections.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.FieldType;
import dev.connections.api.Filter;
import dev.connections.api.ReadMode;
import dev.connections.api.SourceField;
import dev.connections.api.SourceSchema;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.ReadRequest;
import dev.connections.tck.CollectingSink;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every Salesforce field type has a field type, and its values arrive as that type's Java class. */
class TypeMappingTest {

    private final SalesforceFixture f = new SalesforceFixture();
    private final String id = Everything.add(f.fake);
    private final ConnectorSession s = f.open();

    @AfterEach
    void close() {
        s.close();
        f.close();
    }

    @Test
    void describeMapsEverySalesforceType() {
        SourceSchema schema = s.describe(Everything.OBJECT);

        Map<String, FieldType> expected = Map.ofEntries(Map.entry("string", FieldType.TEXT),
                Map.entry("boolean", FieldType.BOOLEAN), Map.entry("int", FieldType.INTEGER),
                Map.entry("long", FieldType.INTEGER), Map.entry("double", FieldType.DECIMAL),
                Map.entry("currency", FieldType.DECIMAL), Map.entry("percent", FieldType.DECIMAL),
                Map.entry("date", FieldType.DATE), Map.entry("datetime", FieldType.DATETIME),
                Map.entry("time", FieldType.TIME), Map.entry("picklist", FieldType.TEXT),
                Map.entry("multipicklist", FieldType.TEXT), Map.entry("combobox", FieldType.TEXT),
                Map.entry("reference", FieldType.TEXT), Map.entry("textarea", FieldType.TEXT),
                Map.entry("email", FieldType.TEXT), Map.entry("phone", FieldType.TEXT),
                Map.entry("url", FieldType.TEXT), Map.entry("encryptedstring", FieldType.TEXT),
                Map.entry("base64", FieldType.TEXT), Map.entry("address", FieldType.JSON),
                Map.entry("location", FieldType.JSON), Map.entry("anyType", FieldType.TEXT));
        expected.forEach((type, fieldType) -> assertThat(schema.field(Everything.name(type)).orElseThrow().type())
                .as(type).isEqualTo(fieldType));
        assertThat(schema.field("Id").orElseThrow().type()).isEqualTo(FieldType.TEXT);
    }

    @Test
    void idIsTheNaturalKeyAndTheOnlyKeyCandidate() {
        SourceSchema schema = s.describe(Everything.OBJECT);

        assertThat(schema.naturalKey()).containsExactly("Id");
        assertThat(schema.fields()).filteredOn(SourceField::keyCandidate).extracting(SourceField::name)
                .containsExactly("Id");
        assertThat(schema.field("Id").orElseThrow().nullable()).isFalse();
    }

    @Test
    void valuesOfEveryTypeArriveAsTheirFieldTypesClass() {
        Map<String, Object> row = readOne(fieldsOf(Everything.TYPES.keySet().stream().toList()), "1000");

        assertThat(row).containsEntry(Everything.name("string"), "text, \"quoted\"")
                .containsEntry(Everything.name("boolean"), true)
                .containsEntry(Everything.name("int"), 42L)
                .containsEntry(Everything.name("long"), 9_000_000_000L)
                .containsEntry(Everything.name("double"), new BigDecimal("3.14159"))
                .containsEntry(Everything.name("currency"), new BigDecimal("1234.56"))
                .containsEntry(Everything.name("percent"), new BigDecimal("12.5"))
                .containsEntry(Everything.name("date"), LocalDate.of(2024, 2, 29))
                .containsEntry(Everything.name("datetime"), Instant.parse("2024-03-01T10:15:00.123Z"))
                .containsEntry(Everything.name("time"), LocalTime.of(10, 15, 30, 250_000_000))
                .containsEntry(Everything.name("multipicklist"), "A;B")
                .containsEntry(Everything.name("textarea"), "line 1\nline 2")
                .containsEntry(Everything.name("address"), "{\"city\":\"Scranton\"}")
                .containsEntry(Everything.name("location"), "{\"latitude\":41.41}")
                .containsEntry(Everything.name("anyType"), "anything");
    }

    @Test
    void bulkResultsGiveTheSameValuesAsRestQueries() {
        List<String> names = Everything.TYPES.entrySet().stream()
                .filter(e -> !FieldTypes.NOT_IN_BULK.contains(e.getValue())).map(Map.Entry::getKey).toList();
        List<SourceField> fields = fieldsOf(names);

        Map<String, Object> rest = readOne(fields, "1000");
        f.fake.resetCounters();
        Map<String, Object> bulk = readOne(fields, "0");

        assertThat(f.fake.requests("/services/data/v62.0/jobs/query")).isEqualTo(1);
        assertThat(bulk).isEqualTo(rest);
    }

    @Test
    void fieldsTheTableKeepsAsTextArriveAsTextInBothPaths() {
        List<SourceField> asText = new ArrayList<>();
        for (SourceField field : fieldsOf(List.of("Boolean__c", "Currency__c", "Date__c", "Datetime__c", "Time__c"))) {
            asText.add(field.type() == FieldType.TEXT ? field : field.withType(FieldType.TEXT));
        }

        Map<String, Object> rest = readOne(asText, "1000");
        Map<String, Object> bulk = readOne(asText, "0");

        assertThat(rest).containsEntry("Boolean__c", "true").containsEntry("Currency__c", "1234.56")
                .containsEntry("Date__c", "2024-02-29").containsEntry("Datetime__c", "2024-03-01T10:15:00.123+0000")
                .containsEntry("Time__c", "10:15:30.250Z");
        assertThat(bulk).isEqualTo(rest);
    }

    private List<SourceField> fieldsOf(List<String> names) {
        List<String> all = new ArrayList<>(List.of("Id"));
        all.addAll(names);
        return Reads.fields(s, Everything.OBJECT, all);
    }

    private Map<String, Object> readOne(List<SourceField> fields, String bulkThreshold) {
        try (var session = f.open(Map.of("bulkThreshold", bulkThreshold))) {
            CollectingSink sink = new CollectingSink();
            session.read(new ReadRequest(Everything.OBJECT, fields, List.of("Id"), Filter.all(),
                    ReadMode.FULL, null), sink);
            List<Map<String, Object>> records = sink.records(fields.stream().map(SourceField::name).toList());
            assertThat(records).hasSize(1);
            assertThat(records.get(0)).containsEntry("Id", id);
            for (SourceField field : fields) {
                Object value = records.get(0).get(field.name());
                assertThat(value).as(field.name()).isInstanceOf(field.type().javaType());
            }
            return records.get(0);
        }
    }
}

package dev.connections.salesforce;

import dev.connections.fakes.salesforce.FakeField;
import dev.connections.fakes.salesforce.FakeObject;
import dev.connections.fakes.salesforce.FakeSalesforce;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An sObject with a field of every Salesforce type, and one record with a value in each. */
final class Everything {

    static final String OBJECT = "Everything__c";

    /** Field name to Salesforce type; the field is named after its type. */
    static final Map<String, String> TYPES = new LinkedHashMap<>();

    static {
        for (String type : List.of("string", "boolean", "int", "long", "double", "currency", "percent", "date",
                "datetime", "time", "picklist", "multipicklist", "combobox", "reference", "textarea", "email",
                "phone", "url", "encryptedstring", "base64", "address", "location", "anyType")) {
            TYPES.put(name(type), type);
        }
    }

    private Everything() {
    }

    static String name(String type) {
        return Character.toUpperCase(type.charAt(0)) + type.substring(1) + "__c";
    }

    static String add(FakeSalesforce fake) {
        fake.addObject(FakeObject.of(OBJECT, "Everything", TYPES.entrySet().stream()
                .map(e -> FakeField.of(e.getKey(), e.getValue())).toArray(FakeField[]::new)));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(name("string"), "text, \"quoted\"");
        values.put(name("boolean"), true);
        values.put(name("int"), 42);
        values.put(name("long"), 9_000_000_000L);
        values.put(name("double"), new BigDecimal("3.14159"));
        values.put(name("currency"), new BigDecimal("1234.56"));
        values.put(name("percent"), new BigDecimal("12.5"));
        values.put(name("date"), LocalDate.of(2024, 2, 29));
        values.put(name("datetime"), Instant.parse("2024-03-01T10:15:00.123Z"));
        values.put(name("time"), LocalTime.of(10, 15, 30, 250_000_000));
        values.put(name("picklist"), "Hot");
        values.put(name("multipicklist"), "A;B");
        values.put(name("combobox"), "Other");
        values.put(name("reference"), "001000000000001AAA");
        values.put(name("textarea"), "line 1\nline 2");
        values.put(name("email"), "pam@example.com");
        values.put(name("phone"), "+1 555 0100");
        values.put(name("url"), "https://example.com/a?b=c");
        values.put(name("encryptedstring"), "****1234");
        values.put(name("base64"), "/services/data/v62.0/sobjects/Everything__c/a00/Base64__c");
        values.put(name("address"), Map.of("city", "Scranton"));
        values.put(name("location"), Map.of("latitude", new BigDecimal("41.41")));
        values.put(name("anyType"), "anything");
        return fake.insert(OBJECT, values);
    }
}

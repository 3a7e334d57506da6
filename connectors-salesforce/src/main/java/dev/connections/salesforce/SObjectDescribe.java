package dev.connections.salesforce;

import com.squareup.moshi.JsonReader;
import dev.connections.api.FieldType;
import dev.connections.api.SourceField;
import dev.connections.api.SourceSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code /sobjects/{name}/describe} says about an sObject.
 *
 * @param name          the API name
 * @param replicateable whether it supports replication (SystemModstamp-based sync, deleted/)
 * @param fields        its fields, in Salesforce's order
 */
record SObjectDescribe(String name, boolean replicateable, List<Field> fields) {

    /**
     * One field.
     *
     * @param type       the Salesforce type, e.g. {@code currency}
     * @param filterable whether a WHERE clause may use it
     */
    record Field(String name, String label, String type, boolean nillable, boolean filterable) {

        FieldType fieldType() {
            return FieldTypes.of(type);
        }
    }

    static SObjectDescribe read(JsonReader in) throws IOException {
        String name = null;
        boolean replicateable = false;
        List<Field> fields = new ArrayList<>();
        in.beginObject();
        while (in.hasNext()) {
            switch (in.nextName()) {
                case "name" -> name = in.nextString();
                case "replicateable" -> replicateable = in.nextBoolean();
                case "fields" -> {
                    in.beginArray();
                    while (in.hasNext()) {
                        fields.add(field(in));
                    }
                    in.endArray();
                }
                default -> in.skipValue();
            }
        }
        in.endObject();
        return new SObjectDescribe(name, replicateable, fields);
    }

    private static Field field(JsonReader in) throws IOException {
        String name = null;
        String label = null;
        String type = "string";
        boolean nillable = true;
        boolean filterable = false;
        in.beginObject();
        while (in.hasNext()) {
            String key = in.nextName();
            if (in.peek() == JsonReader.Token.NULL) {
                in.skipValue();
                continue;
            }
            switch (key) {
                case "name" -> name = in.nextString();
                case "label" -> label = in.nextString();
                case "type" -> type = in.nextString();
                case "nillable" -> nillable = in.nextBoolean();
                case "filterable" -> filterable = in.nextBoolean();
                default -> in.skipValue();
            }
        }
        in.endObject();
        return new Field(name, label, type, nillable, filterable);
    }

    /** @return the field of that name; exact, else ignoring case (SOQL names are case-insensitive) */
    Optional<Field> field(String fieldName) {
        for (Field f : fields) {
            if (f.name().equals(fieldName)) {
                return Optional.of(f);
            }
        }
        return fields.stream().filter(f -> f.name().equalsIgnoreCase(fieldName)).findFirst();
    }

    /** @return whether reads can be incremental: replicateable, with SystemModstamp and IsDeleted */
    boolean incremental() {
        return replicateable && field("SystemModstamp").isPresent() && field("IsDeleted").isPresent();
    }

    /** @return the schema: every field typed, {@code Id} the natural key and its only key candidate */
    SourceSchema schema() {
        List<SourceField> result = new ArrayList<>(fields.size());
        boolean hasId = false;
        for (Field f : fields) {
            boolean id = f.name().equals("Id");
            hasId |= id;
            result.add(new SourceField(f.name(), f.label(), f.fieldType(), f.nillable() && !id, id));
        }
        return new SourceSchema(name, result, hasId ? List.of("Id") : List.of());
    }
}

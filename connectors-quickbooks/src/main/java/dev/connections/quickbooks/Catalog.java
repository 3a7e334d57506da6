package dev.connections.quickbooks;

import dev.connections.api.FieldType;
import dev.connections.api.SourceField;
import dev.connections.api.SourceObject;
import dev.connections.api.SourceSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The entities the connector offers and their fields, read once from {@code entities.txt} next to this class (its
 * header explains the format). QuickBooks has no describe endpoint, so the connector carries the schema. Immutable and
 * thread-safe.
 */
final class Catalog {

    /**
     * One entity.
     *
     * @param name       as QuickBooks spells it (case-sensitive), e.g. {@code Invoice}
     * @param schema     its fields in order; natural key {@code Id}
     * @param filterable field name to the query property a condition on it is written with, for the fields QuickBooks
     *                   lets a query filter on
     */
    record Entity(String name, String label, SourceSchema schema, Map<String, String> filterable) {
    }

    private static final String RESOURCE = "entities.txt";
    private static final List<String> ADDRESS = List.of("Line1", "Line2", "City", "CountrySubDivisionCode",
            "PostalCode", "Country");

    private final Map<String, Entity> entities;

    private Catalog(Map<String, Entity> entities) {
        this.entities = entities;
    }

    static Catalog load() {
        try (InputStream in = Catalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the connector's " + RESOURCE + " is missing from its jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return parse(reader.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the entities, sorted by name */
    List<SourceObject> objects() {
        return entities.values().stream().map(e -> new SourceObject(e.name(), e.label())).toList();
    }

    Optional<Entity> entity(String name) {
        return Optional.ofNullable(entities.get(name));
    }

    private static Catalog parse(List<String> lines) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, List<String>> bodies = new LinkedHashMap<>();
        List<String> current = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+", 3);
            if (words[0].equals("group")) {
                current = new ArrayList<>();
                groups.put(words[1], current);
            } else if (words[0].equals("entity")) {
                current = new ArrayList<>();
                bodies.put(words[1], current);
                labels.put(words[1], words.length > 2 ? words[2] : words[1]);
            } else if (words[0].equals("use")) {
                List<String> group = groups.get(words[1]);
                if (group == null || current == null) {
                    throw new IllegalStateException(RESOURCE + ": unknown group in '" + line + "'");
                }
                current.addAll(group);
            } else if (current != null) {
                current.add(line);
            } else {
                throw new IllegalStateException(RESOURCE + ": a field outside an entity: '" + line + "'");
            }
        }
        Map<String, Entity> entities = new TreeMap<>();
        bodies.forEach((name, body) -> entities.put(name, entity(name, labels.get(name), body)));
        return new Catalog(Collections.unmodifiableMap(entities));
    }

    private static Entity entity(String name, String label, List<String> body) {
        List<SourceField> fields = new ArrayList<>();
        Map<String, String> filterable = new LinkedHashMap<>();
        for (String line : body) {
            String[] words = line.split("\\s+");
            String path = words[0];
            boolean key = false;
            String filter = null;
            for (int i = 2; i < words.length; i++) {
                if (words[i].equals("key")) {
                    key = true;
                } else if (words[i].startsWith("filter")) {
                    filter = words[i].contains("=") ? words[i].substring(words[i].indexOf('=') + 1) : path;
                } else {
                    throw new IllegalStateException(RESOURCE + ": unknown word '" + words[i] + "' in " + name);
                }
            }
            switch (words[1]) {
                case "@ref" -> {
                    add(name, fields, new SourceField(path + ".value", path + ".value", FieldType.TEXT, true, false));
                    add(name, fields, new SourceField(path + ".name", path + ".name", FieldType.TEXT, true, false));
                    if (filter != null) {
                        filterable.put(path + ".value", path);
                    }
                }
                case "@address" -> ADDRESS.forEach(part -> add(name, fields,
                        new SourceField(path + "." + part, path + "." + part, FieldType.TEXT, true, false)));
                default -> {
                    add(name, fields, new SourceField(path, path, FieldType.valueOf(words[1]), !key, key));
                    if (filter != null) {
                        filterable.put(path, filter);
                    }
                }
            }
        }
        SourceSchema schema = new SourceSchema(name, fields, List.of("Id"));
        return new Entity(name, label, schema, Map.copyOf(filterable));
    }

    private static void add(String entity, List<SourceField> fields, SourceField field) {
        if (fields.stream().anyMatch(f -> f.name().equals(field.name()))) {
            throw new IllegalStateException(RESOURCE + ": " + entity + " has the field " + field.name() + " twice");
        }
        fields.add(field);
    }
}

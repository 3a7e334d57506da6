package dev.connections.jdbc;

import dev.connections.api.FieldType;
import dev.connections.api.SourceField;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text forms in which the storage keeps lists and maps in one column: every item is escaped ({@code \\},
 * {@code \n}, {@code \r}) and ends with a line break, so an empty list is the empty string and a list of one empty
 * string is one line break. Maps are key and value lines in turn, in key order. Stateless.
 */
final class TextCodec {

    private TextCodec() {
    }

    static String encode(List<String> items) {
        StringBuilder out = new StringBuilder();
        for (String item : items) {
            for (int i = 0; i < item.length(); i++) {
                char c = item.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(c);
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    static List<String> decode(String text) {
        List<String> items = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                items.add(item.toString());
                item.setLength(0);
            } else if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                item.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                item.append(c);
            }
        }
        if (item.length() > 0) {
            throw new IllegalArgumentException("stored list text does not end with a line break: it was changed "
                    + "outside the SDK");
        }
        return items;
    }

    static String encodeMap(Map<String, String> map) {
        List<String> items = new ArrayList<>();
        map.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            items.add(e.getKey());
            items.add(e.getValue());
        });
        return encode(items);
    }

    static Map<String, String> decodeMap(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        Iterator<String> items = decode(text).iterator();
        while (items.hasNext()) {
            String key = items.next();
            map.put(key, items.next());
        }
        return map;
    }

    /** Five items a field: name, label, type, nullable, key candidate. */
    static String encodeFields(List<SourceField> fields) {
        List<String> items = new ArrayList<>();
        for (SourceField f : fields) {
            items.add(f.name());
            items.add(f.label());
            items.add(f.type().name());
            items.add(Boolean.toString(f.nullable()));
            items.add(Boolean.toString(f.keyCandidate()));
        }
        return encode(items);
    }

    static List<SourceField> decodeFields(String text) {
        List<String> items = decode(text);
        List<SourceField> fields = new ArrayList<>();
        for (int i = 0; i + 4 < items.size(); i += 5) {
            fields.add(new SourceField(items.get(i), items.get(i + 1), FieldType.valueOf(items.get(i + 2)),
                    Boolean.parseBoolean(items.get(i + 3)), Boolean.parseBoolean(items.get(i + 4))));
        }
        return fields;
    }
}

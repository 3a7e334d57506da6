package dev.connections.tck;

import dev.connections.api.SourceField;
import dev.connections.api.SourceSchema;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.SettingSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the contract suites share. Stateless. */
final class Contracts {

    private Contracts() {
    }

    /** @return the settings with the descriptor's defaults added for the keys they leave out, as the engine does */
    static Map<String, String> withDefaults(ConnectorDescriptor descriptor, Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>();
        for (SettingSpec spec : descriptor.settings()) {
            if (spec.defaultValue() != null) {
                all.put(spec.key(), spec.defaultValue());
            }
        }
        all.putAll(settings);
        return all;
    }

    /** @return the fields of the schema with those names, in that order; an AssertionError naming a missing one */
    static List<SourceField> fields(SourceSchema schema, List<String> names) {
        List<SourceField> fields = new ArrayList<>();
        for (String name : names) {
            fields.add(schema.field(name).orElseThrow(() -> new AssertionError("describe(\"" + schema.object()
                    + "\") has no field " + name + "; it has " + schema.fieldNames())));
        }
        return fields;
    }

    /** @return the message of the throwable and of each of its causes, one per line */
    static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            all.append(c).append('\n');
        }
        return all.toString();
    }
}

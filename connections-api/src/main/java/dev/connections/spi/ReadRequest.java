package dev.connections.spi;

import dev.connections.api.Filter;
import dev.connections.api.ReadMode;
import dev.connections.api.SourceField;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What to read.
 *
 * <p>In a FULL read the connector delivers every record matching the filter (delivering more is allowed: the engine
 * filters again). In an INCREMENTAL read it delivers every record changed since the cursor <em>whether or not it
 * matches the filter</em>, so that a record edited out of the filter can leave the table; it may answer an
 * incremental request with a full read and must say so in its {@link ReadResult}.
 *
 * @param object     the source object
 * @param fields     the fields to deliver, in row order, each with the type its values must have
 * @param refreshKey the fields that tell records apart (deletions are reported by these)
 * @param filter     which records the table takes
 * @param mode       FULL or INCREMENTAL
 * @param cursor     where the previous successful read ended; null for a FULL read
 */
public record ReadRequest(String object, List<SourceField> fields, List<String> refreshKey, Filter filter,
                          ReadMode mode, @Nullable Cursor cursor) {

    /**
     * Copies the lists.
     *
     * @param object     the source object
     * @param fields     the fields to deliver, in row order
     * @param refreshKey the fields that tell records apart
     * @param filter     which records the table takes
     * @param mode       FULL or INCREMENTAL
     * @param cursor     where the previous successful read ended; null for a FULL read, required for INCREMENTAL
     * @throws IllegalArgumentException for an INCREMENTAL read without a cursor
     */
    public ReadRequest {
        Objects.requireNonNull(object, "object");
        fields = List.copyOf(fields);
        refreshKey = List.copyOf(refreshKey);
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(mode, "mode");
        if (mode == ReadMode.INCREMENTAL && cursor == null) {
            throw new IllegalArgumentException("an incremental read needs a cursor");
        }
    }

    /** @return the names of the fields, in row order */
    public List<String> fieldNames() {
        return fields.stream().map(SourceField::name).toList();
    }
}

package dev.connections.spi.storage;

import java.util.Arrays;
import java.util.List;

/**
 * Thrown by a {@link RefreshWriter} when two records of one refresh have the same refresh key. The engine records the
 * refresh as failed with {@link dev.connections.api.FailureKind#INVALID_DATA}, naming both records' lines when the
 * source has lines.
 */
public class DuplicateKeyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Object> key;
    private final long line;

    /**
     * @param key  the refresh key values
     * @param line where the second record starts in the source; 0 when unknown
     */
    public DuplicateKeyException(Object[] key, long line) {
        super("the refresh key value " + Arrays.toString(key) + " occurs more than once"
                + (line > 0 ? " (again at line " + line + ")" : "")
                + "; the refresh key must be unique: choose other fields, or add fields to the key");
        this.key = Arrays.asList(key.clone());
        this.line = line;
    }

    /** @return the refresh key values that occur twice, in key order */
    public List<Object> key() {
        return key;
    }

    /** @return where the second record starts in the source; 0 when unknown */
    public long line() {
        return line;
    }
}

package dev.connections.jdbc;

import dev.connections.api.FieldType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The refresh keys of a table's stored rows with each row's {@link RowHash}, read in one pass when a refresh begins,
 * so that the refresh sends the database only the records that are new or changed, and finds the stored keys that
 * no record named (to remove them) without sending the others.
 *
 * <p>Keys are held exactly, never as hashes: a single whole-number key as a {@code long}, others as canonical bytes
 * in one byte array, found through an open-addressing index of entry numbers. Canonical bytes are equal exactly when
 * the database holds the keys equal (a decimal without its trailing zeros; text as its UTF-16 units), so "not here"
 * means "not stored" and one key cannot be found under another. Key types whose equality the database decides by
 * rules of its own (instants and times, rounded to the database's precision) are not held: such a table refreshes
 * by sending every record.
 *
 * <p>Memory: the key (8 bytes for a whole number) plus 17 bytes per stored row and 8 to 16 of index cells
 * (1,000,000 whole-number keys: 25 MB). A table whose keys would take more than the budget is not held either. Used
 * by one thread.
 */
final class KeyIndex {

    /** The key types whose canonical bytes the database compares the same way. */
    private static final Set<FieldType> HELD = EnumSet.of(FieldType.TEXT, FieldType.JSON, FieldType.INTEGER,
            FieldType.DECIMAL, FieldType.DATE, FieldType.BOOLEAN);

    static final byte SEEN = 1;
    static final byte SKIPPED = 2;
    private static final byte NO_HASH = 4;

    private final FieldType[] types;
    /** The keys, when the refresh key is one whole number (the common case: no bytes to encode); else null. */
    private long[] wholeKeys;
    private byte[] bytes;
    private int used;
    /** The bytes every key takes when all key types have a fixed width; else -1 and {@link #starts} says. */
    private final int width;
    /** Where each entry's bytes start (and the next's end) when keys vary in width; else null. */
    private int[] starts;
    private long[] hashes;
    private byte[] flags;
    private int size;
    /** Entry number + 1 by slot; 0 is an empty slot. */
    private int[] slots;
    private final Encoder scratch;
    /** The most bytes the arrays may take: a key that would grow them past it is not added. */
    private final long budget;

    /** @param expected how many keys to make room for; more grow the arrays */
    KeyIndex(FieldType[] types, int expected) {
        this(types, expected, Long.MAX_VALUE);
    }

    /**
     * @param expected how many keys to make room for; more grow the arrays
     * @param budget   the most bytes the arrays may take
     */
    KeyIndex(FieldType[] types, int expected, long budget) {
        this.types = types;
        this.budget = budget;
        int capacity = Math.max(16, expected);
        this.width = fixedWidth(types);
        boolean whole = types.length == 1 && types[0] == FieldType.INTEGER;
        this.wholeKeys = whole ? new long[capacity] : null;
        this.bytes = new byte[whole ? 0 : capacity * (width < 0 ? 9 : width)];
        this.starts = width < 0 ? new int[capacity + 1] : null;
        this.hashes = new long[capacity];
        this.flags = new byte[capacity];
        this.slots = new int[slotsFor(capacity)];
        this.scratch = new Encoder(types);
    }

    /** @return the bytes of a key of these types when each has a fixed width, else -1 */
    private static int fixedWidth(FieldType[] types) {
        int width = 0;
        for (FieldType type : types) {
            switch (type) {
                case INTEGER, DATE -> width += 8;
                case BOOLEAN -> width += 1;
                default -> {
                    return -1;
                }
            }
        }
        return width;
    }

    /** @return whether a table keyed by these fields can be held (see the class comment) */
    static boolean holds(DataTable table) {
        for (int k : table.keyIndexes()) {
            if (!HELD.contains(table.type(k))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads the stored keys and hashes of a table in the writer's transaction.
     *
     * @param budget the most bytes the index may take
     * @return the index, or null when it would take more than the budget
     */
    static KeyIndex read(Connection c, Database db, DataTable table, long budget) throws SQLException {
        String target = db.table(table.sqlName());
        long rows;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + target)) {
            rs.next();
            rows = rs.getLong(1);
        }
        int[] keys = table.keyIndexes();
        FieldType[] types = new FieldType[keys.length];
        for (int i = 0; i < keys.length; i++) {
            types[i] = table.type(keys[i]);
        }
        if (rows >= Integer.MAX_VALUE / 16 || estimate(rows, 8) > budget) {
            return null;
        }
        KeyIndex index = new KeyIndex(types, (int) rows, budget);
        Object[] key = new Object[keys.length];
        boolean h2 = db.dialect() == Dialect.H2;
        if (h2) {
            // H2 otherwise builds the whole result before the first row is read: a million keys, as objects
            JdbcTableData.execute(c, "SET LAZY_QUERY_EXECUTION TRUE");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + table.quoted(keys) + ", "
                + Database.quote(DataTable.HASH_COLUMN) + " FROM " + target)) {
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (int i = 0; i < keys.length; i++) {
                        key[i] = SqlValues.read(rs, i + 1, types[i]);
                    }
                    long hash = rs.getLong(keys.length + 1);
                    // a row written before hashes were kept has none: it matches no record's hash
                    if (!index.add(key, rs.wasNull() ? 0 : hash, rs.wasNull()) || index.footprint() > budget) {
                        return null;
                    }
                }
            }
        } finally {
            if (h2) {
                JdbcTableData.execute(c, "SET LAZY_QUERY_EXECUTION FALSE");
            }
        }
        return index;
    }

    private static long estimate(long rows, int keyBytes) {
        return rows * (keyBytes + 4 + 8 + 1 + 8);
    }

    /** @return bytes taken by the arrays */
    long footprint() {
        return (long) bytes.length + (wholeKeys == null ? 0 : 8L * wholeKeys.length)
                + (starts == null ? 0 : 4L * starts.length) + 8L * hashes.length + flags.length
                + 4L * slots.length;
    }

    private static int slotsFor(int entries) {
        return Integer.highestOneBit(Math.max(8, entries * 2 - 1)) << 1;
    }

    /**
     * @param key    a stored row's key values, in key order
     * @param hash   the row's stored hash
     * @param noHash whether the row has no stored hash (then no record's hash matches it)
     * @return false, adding nothing, when the key's bytes would grow the arrays past the budget
     */
    boolean add(Object[] key, long hash, boolean noHash) {
        int length = wholeKeys == null ? scratch.encode(key) : 0;
        int slot = slotOf(key, length);
        if (slots[slot] != 0) {
            throw new IllegalStateException("the stored rows repeat a refresh key; the table's primary key forbids it");
        }
        if (size == hashes.length) {
            grow();
            slot = slotOf(key, length);
        }
        if (wholeKeys != null) {
            wholeKeys[size] = (Long) key[0];
        } else if (!append(length)) {
            return false;
        }
        hashes[size] = hash;
        // a row without a stored hash is flagged so that no record's hash can match it, even one that hashes to 0
        flags[size] = noHash ? NO_HASH : 0;
        slots[slot] = ++size;
        return true;
    }

    /** @return the slot of a key ({@code length} bytes of it encoded in the scratch buffer, unless it is whole) */
    private int slotOf(Object[] key, int length) {
        return wholeKeys != null ? findWhole((Long) key[0]) : find(scratch.buffer, 0, length, scratch.hash);
    }

    /** @return whether the scratch buffer's key bytes were appended as the next entry's; false when over budget */
    private boolean append(int length) {
        if (used + length > bytes.length) {
            int grown = Math.max(bytes.length + (bytes.length >> 1), used + length);
            if (footprint() - bytes.length + grown > budget) {
                return false;
            }
            bytes = Arrays.copyOf(bytes, grown);
        }
        System.arraycopy(scratch.buffer, 0, bytes, used, length);
        if (starts != null) {
            starts[size] = used;
            starts[size + 1] = used + length;
        }
        used += length;
        return true;
    }

    private void grow() {
        int capacity = hashes.length * 2;
        if (wholeKeys != null) {
            wholeKeys = Arrays.copyOf(wholeKeys, capacity);
        }
        if (starts != null) {
            starts = Arrays.copyOf(starts, capacity + 1);
        }
        hashes = Arrays.copyOf(hashes, capacity);
        flags = Arrays.copyOf(flags, capacity);
        slots = new int[slotsFor(capacity)];
        for (int e = 0; e < size; e++) {
            if (wholeKeys != null) {
                slots[findWhole(wholeKeys[e])] = e + 1;
                continue;
            }
            int length = end(e) - start(e);
            int slot = find(bytes, start(e), length, Encoder.hash(bytes, start(e), length));
            slots[slot] = e + 1;
        }
    }

    /**
     * @param key the refresh key values, in key order, each of its field type's Java class
     * @return the entry holding the key, or -1 when no stored row has it
     */
    int entry(Object[] key) {
        int length = wholeKeys == null ? scratch.encode(key) : 0;
        return slots[slotOf(key, length)] - 1;
    }

    /** @return whether a record with this hash would leave the entry's row as it is */
    boolean unchanged(int entry, long hash) {
        return (flags[entry] & NO_HASH) == 0 && hashes[entry] == hash;
    }

    boolean is(int entry, byte flag) {
        return (flags[entry] & flag) != 0;
    }

    void set(int entry, byte flag) {
        flags[entry] |= flag;
    }

    void clear(int entry, byte flag) {
        flags[entry] &= (byte) ~flag;
    }

    int size() {
        return size;
    }

    /** @return the key values of an entry, in key order */
    Object[] key(int entry) {
        if (wholeKeys != null) {
            return new Object[] {wholeKeys[entry]};
        }
        Object[] key = new Object[types.length];
        int at = start(entry);
        for (int i = 0; i < types.length; i++) {
            at = Encoder.decode(bytes, at, types[i], key, i);
        }
        return key;
    }

    private int start(int entry) {
        return starts == null ? entry * width : starts[entry];
    }

    private int end(int entry) {
        return starts == null ? (entry + 1) * width : starts[entry + 1];
    }

    /** @return the slot holding the whole-number key, or the empty slot where it would go */
    private int findWhole(long key) {
        int mask = slots.length - 1;
        long spread = key * 0x9e3779b97f4a7c15L;
        for (int slot = (int) (spread ^ spread >>> 32) & mask; ; slot = (slot + 1) & mask) {
            int e = slots[slot] - 1;
            if (e < 0 || wholeKeys[e] == key) {
                return slot;
            }
        }
    }

    /** @return the slot holding the key, or the empty slot where it would go */
    private int find(byte[] buffer, int from, int length, int hash) {
        int mask = slots.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            int e = slots[slot] - 1;
            if (e < 0) {
                return slot;
            }
            int start = start(e);
            if (end(e) - start == length
                    && Arrays.equals(bytes, start, start + length, buffer, from, from + length)) {
                return slot;
            }
        }
    }

    /**
     * Canonical bytes of a key (never null: refresh key values are required): a whole number or day as 8 bytes, a
     * boolean as one,
     * a decimal without trailing zeros as its scale and unscaled bytes, a text as its UTF-8, each with its
     * length first.
     */
    private static final class Encoder {
        private final FieldType[] types;
        private byte[] buffer = new byte[64];
        private int hash;

        Encoder(FieldType[] types) {
            this.types = types;
        }

        int encode(Object[] key) {
            int at = 0;
            for (int i = 0; i < types.length; i++) {
                Object value = key[i];
                switch (types[i]) {
                    case INTEGER -> at = putLong(at, (Long) value);
                    case DATE -> at = putLong(at, ((LocalDate) value).toEpochDay());
                    case BOOLEAN -> {
                        at = ensure(at, 1);
                        buffer[at++] = (byte) ((Boolean) value ? 1 : 0);
                    }
                    case DECIMAL -> at = putDecimal(at, ((BigDecimal) value).stripTrailingZeros());
                    case TEXT, JSON -> at = putText(at, (String) value);
                    default -> throw new IllegalStateException("keys of type " + types[i] + " are not held");
                }
            }
            hash = hash(buffer, 0, at);
            return at;
        }

        private int putLong(int at, long v) {
            at = ensure(at, 8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buffer[at++] = (byte) (v >>> shift);
            }
            return at;
        }

        /** The scale, then the unscaled value's two's-complement bytes: equal exactly when the numbers are. */
        private int putDecimal(int at, BigDecimal canonical) {
            at = ensure(at, 4);
            at = putInt(at, canonical.scale());
            return putBytes(at, canonical.unscaledValue().toByteArray());
        }

        /**
         * A text as each of its UTF-16 units in one to three bytes (as UTF-8 writes characters below U+10000, and a
         * surrogate as such: CESU-8), its byte count first. Unlike {@link String#getBytes}, which writes a lone
         * surrogate as '?', it keeps every text apart that the database keeps apart, and decodes back exactly.
         */
        private int putText(int at, String s) {
            int n = s.length();
            at = ensure(at, 4 + 3 * n);
            int start = at + 4;
            int end = start;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    buffer[end++] = (byte) c;
                } else if (c < 0x800) {
                    buffer[end++] = (byte) (0xc0 | c >> 6);
                    buffer[end++] = (byte) (0x80 | c & 0x3f);
                } else {
                    buffer[end++] = (byte) (0xe0 | c >> 12);
                    buffer[end++] = (byte) (0x80 | c >> 6 & 0x3f);
                    buffer[end++] = (byte) (0x80 | c & 0x3f);
                }
            }
            putInt(at, end - start);
            return end;
        }

        private int putInt(int at, int v) {
            for (int shift = 24; shift >= 0; shift -= 8) {
                buffer[at++] = (byte) (v >>> shift);
            }
            return at;
        }

        private int putBytes(int at, byte[] utf8) {
            at = ensure(at, 4 + utf8.length);
            at = putInt(at, utf8.length);
            System.arraycopy(utf8, 0, buffer, at, utf8.length);
            return at + utf8.length;
        }

        private int ensure(int at, int more) {
            if (at + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, at + more));
            }
            return at;
        }

        static int hash(byte[] b, int from, int length) {
            long h = 0x9e3779b97f4a7c15L;
            for (int i = from; i < from + length; i++) {
                h = (h ^ b[i]) * 0x100000001b3L;
            }
            h ^= h >>> 29;
            h *= 0xbf58476d1ce4e5b9L;
            return (int) (h ^ h >>> 32);
        }

        /** @return the text {@link #putText} wrote into {@code b[from, to)} */
        private static String text(byte[] b, int from, int to) {
            StringBuilder out = new StringBuilder(to - from);
            for (int i = from; i < to; ) {
                int first = b[i] & 0xff;
                if (first < 0x80) {
                    out.append((char) first);
                    i++;
                } else if (first < 0xe0) {
                    out.append((char) ((first & 0x1f) << 6 | b[i + 1] & 0x3f));
                    i += 2;
                } else {
                    out.append((char) ((first & 0x0f) << 12 | (b[i + 1] & 0x3f) << 6 | b[i + 2] & 0x3f));
                    i += 3;
                }
            }
            return out.toString();
        }

        private static int getInt(byte[] b, int at) {
            return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
        }

        static int decode(byte[] b, int at, FieldType type, Object[] into, int index) {
            switch (type) {
                case INTEGER, DATE -> {
                    long v = 0;
                    for (int i = 0; i < 8; i++) {
                        v = v << 8 | (b[at++] & 0xff);
                    }
                    into[index] = type == FieldType.INTEGER ? (Object) v : LocalDate.ofEpochDay(v);
                    return at;
                }
                case BOOLEAN -> {
                    into[index] = b[at] == 1;
                    return at + 1;
                }
                case DECIMAL -> {
                    int scale = getInt(b, at);
                    int length = getInt(b, at + 4);
                    into[index] = new BigDecimal(new BigInteger(b, at + 8, length), scale);
                    return at + 8 + length;
                }
                default -> {
                    int length = getInt(b, at);
                    into[index] = text(b, at + 4, at + 4 + length);
                    return at + 4 + length;
                }
            }
        }
    }
}

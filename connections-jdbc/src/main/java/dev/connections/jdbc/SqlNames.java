package dev.connections.jdbc;

import dev.connections.api.TableId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * How connected tables and their columns are named in SQL (see docs/storage-jdbc.md). A table is
 * {@code ct_<its name, sanitised>_<8 hex digits of the SHA-256 of its id>}; a column is the field's name as it is,
 * quoted, unless that cannot be an identifier on every supported database (empty, over 63 bytes, a control
 * character, a PostgreSQL system column name): then {@code <the name, sanitised>_<8 hex digits of its SHA-256>}.
 * Names are chosen once, when a table or column is created, and kept in the catalog. Stateless.
 */
final class SqlNames {

    /** PostgreSQL's longest identifier, in bytes. */
    static final int MAX_IDENTIFIER_BYTES = 63;
    private static final int MAX_TABLE_PART = 40;
    /** PostgreSQL's system columns, and the column the storage adds to every table ({@link DataTable#HASH_COLUMN}). */
    private static final Set<String> SYSTEM_COLUMNS = Set.of("tableoid", "xmin", "cmin", "xmax", "cmax", "ctid",
            "oid", DataTable.HASH_COLUMN);

    private SqlNames() {
    }

    /**
     * @param hexDigits how many hex digits of the id's hash to append: 8, more after a clash
     * @return the SQL name of a connected table's rows
     */
    static String table(String name, TableId id, int hexDigits) {
        return "ct_" + sanitised(name, MAX_TABLE_PART, "table") + "_" + hash(id.value(), hexDigits);
    }

    /** @return the column for a field: its name when that works everywhere, else a sanitised name and a hash */
    static String column(String field) {
        if (usable(field)) {
            return field;
        }
        return sanitised(field, MAX_IDENTIFIER_BYTES - 9, "field") + "_" + hash(field, 8);
    }

    private static boolean usable(String name) {
        if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES
                || SYSTEM_COLUMNS.contains(name.toLowerCase(Locale.ROOT))) {
            return false;
        }
        return name.chars().noneMatch(Character::isISOControl);
    }

    /** @return lower-case ASCII letters and digits, every other run of characters one '_', at most max long */
    static String sanitised(String name, int max, String fallback) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            boolean keep = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
            if (keep) {
                out.append(c);
            } else if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
                out.append('_');
            }
            if (out.length() >= max) {
                break;
            }
        }
        while (out.length() > 0 && out.charAt(out.length() - 1) == '_') {
            out.setLength(out.length() - 1);
        }
        return out.length() == 0 ? fallback : out.toString();
    }

    static String hash(String text, int hexDigits) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, hexDigits);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must have", e);
        }
    }
}

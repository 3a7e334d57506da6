package dev.connections.jdbc;

import dev.connections.api.FieldType;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Typed values in and out of JDBC, and instants as {@code timestamp with time zone}. Stateless. */
final class SqlValues {

    private SqlValues() {
    }

    /** Binds a value of a field type's Java class, or null. */
    static void bind(PreparedStatement ps, int index, Dialect dialect, FieldType type, Object value)
            throws SQLException {
        if (value == null) {
            ps.setNull(index, dialect.sqlType(type));
            return;
        }
        switch (type) {
            case TEXT -> ps.setString(index, (String) value);
            case JSON -> {
                if (dialect == Dialect.POSTGRESQL) {
                    ps.setObject(index, value, dialect.sqlType(type));
                } else {
                    ps.setString(index, (String) value);
                }
            }
            case INTEGER -> ps.setLong(index, (Long) value);
            case DECIMAL -> ps.setBigDecimal(index, (BigDecimal) value);
            case BOOLEAN -> ps.setBoolean(index, (Boolean) value);
            case DATE, TIME -> ps.setObject(index, value);
            case DATETIME -> setInstant(ps, index, (Instant) value);
        }
    }

    /** @return the value of a column as the field type's Java class, or null */
    static Object read(ResultSet rs, int index, FieldType type) throws SQLException {
        Object value = switch (type) {
            case TEXT, JSON -> rs.getString(index);
            case INTEGER -> rs.getLong(index);
            case DECIMAL -> plain(rs.getBigDecimal(index));
            case BOOLEAN -> rs.getBoolean(index);
            case DATE -> rs.getObject(index, LocalDate.class);
            case DATETIME -> getInstant(rs, index);
            case TIME -> rs.getObject(index, LocalTime.class);
        };
        return rs.wasNull() ? null : value;
    }

    /**
     * H2's DECFLOAT drops trailing zeros, whole ones too: 250.00 comes back as 2.5E+2, which prints as such. A
     * negative scale is made 0 (250), so that values print as numbers; the value is the same.
     */
    private static BigDecimal plain(BigDecimal value) {
        return value != null && value.scale() < 0 ? value.setScale(0) : value;
    }

    static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    static Instant getInstant(ResultSet rs, int index) throws SQLException {
        OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}

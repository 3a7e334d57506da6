package dev.connections.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * The type of a source field, and of the values a connector delivers for it.
 * Values are always of {@link #javaType()} or null.
 */
public enum FieldType {
    /** Text; delivered as a {@link String}. */
    TEXT(String.class),
    /** A whole number; delivered as a {@link Long}. */
    INTEGER(Long.class),
    /** An exact decimal number; delivered as a {@link BigDecimal}. */
    DECIMAL(BigDecimal.class),
    /** True or false; delivered as a {@link Boolean}. */
    BOOLEAN(Boolean.class),
    /** A day without a time; delivered as a {@link LocalDate}. */
    DATE(LocalDate.class),
    /** A point in time; delivered as an {@link Instant}. */
    DATETIME(Instant.class),
    /** A time of day without a date or zone; delivered as a {@link LocalTime}. */
    TIME(LocalTime.class),
    /** A compound value (an address, a list of lines) kept as JSON text. */
    JSON(String.class);

    private final Class<?> javaType;

    FieldType(Class<?> javaType) {
        this.javaType = javaType;
    }

    /** @return the class every non-null value of this type has */
    public Class<?> javaType() {
        return javaType;
    }

    /** @return whether values of this type have an order, so that {@code <} and {@code >} mean something */
    public boolean isOrdered() {
        return this != BOOLEAN && this != JSON;
    }
}

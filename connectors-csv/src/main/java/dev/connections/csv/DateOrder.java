package dev.connections.csv;

/** How the date part of a value is written. */
enum DateOrder {
    /** {@code 2024-03-31}: always read, whatever order a column has. */
    ISO,
    /** {@code 31/03/2024}, also with {@code .} or {@code -} between the parts. */
    DAY_FIRST,
    /** {@code 03/31/2024}, also with {@code .} or {@code -} between the parts. */
    MONTH_FIRST
}

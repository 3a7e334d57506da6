package dev.connections.fakes.salesforce;

import java.util.List;

/**
 * A parsed SOQL query of the subset the fake understands.
 *
 * @param fields  the selected fields as written; empty for {@code SELECT COUNT()}
 * @param count   whether it is {@code SELECT COUNT()}
 * @param object  the sObject after FROM, as written
 * @param where   the condition; null when there is none
 * @param orderBy the ORDER BY items; empty when there are none
 * @param limit   the LIMIT; null when there is none
 */
record SoqlQuery(List<String> fields, boolean count, String object, Expr where, List<Order> orderBy, Integer limit) {

    /** A condition of the WHERE clause. */
    sealed interface Expr permits And, Or, Not, Compare, In, Like {
    }

    record And(List<Expr> parts) implements Expr {
    }

    record Or(List<Expr> parts) implements Expr {
    }

    record Not(Expr part) implements Expr {
    }

    /** {@code field op literal}, op one of = != < <= > >=. */
    record Compare(String field, String op, Literal value) implements Expr {
    }

    record In(String field, boolean negated, List<Literal> values) implements Expr {
    }

    /** {@code field LIKE 'pattern'}, the pattern still holding SOQL's escapes. */
    record Like(String field, String pattern) implements Expr {
    }

    /** One ORDER BY item. */
    record Order(String field, boolean descending, boolean nullsLast) {
    }

    /** A literal and its kind; value is a String, BigDecimal, Boolean, LocalDate, Instant, LocalTime or null. */
    record Literal(Kind kind, Object value) {
        enum Kind { STRING, NUMBER, BOOLEAN, NULL, DATE, DATETIME }
    }
}

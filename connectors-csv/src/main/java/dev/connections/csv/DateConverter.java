package dev.connections.csv;

import java.time.ZoneId;
import java.util.function.Supplier;

/**
 * Reads DATE or DATETIME cells. ISO dates are always read; a day-first or month-first date only in the order the
 * column's sample showed, which is asked for the first time such a date turns up (so a column of ISO dates never
 * costs a look at the sample). A DATETIME cell may be a date alone (midnight in the zone). Not thread-safe.
 */
final class DateConverter {

    private final boolean withTime;
    private final ZoneId zone;
    private final Supplier<DateOrder> orderSource;
    private final DateTimeText text = new DateTimeText();
    private DateOrder order;
    private boolean orderAsked;

    DateConverter(boolean withTime, ZoneId zone, Supplier<DateOrder> orderSource) {
        this.withTime = withTime;
        this.zone = zone;
        this.orderSource = orderSource;
    }

    /**
     * @param v the cell text, stripped of surrounding whitespace, not empty
     * @return a {@link java.time.LocalDate}, or for DATETIME an {@link java.time.Instant}
     * @throws IllegalArgumentException whose message says what the value should be
     */
    Object convert(String v) {
        if (!text.parse(v, DateOrder.ISO) && !parseOrdered(v)) {
            throw new IllegalArgumentException(expected());
        }
        if (withTime) {
            return text.instant(zone);
        }
        if (text.hasTime()) {
            throw new IllegalArgumentException(expected() + ", without a time");
        }
        return text.date();
    }

    private boolean parseOrdered(String v) {
        if (!text.parse(v, DateOrder.DAY_FIRST) && !text.parse(v, DateOrder.MONTH_FIRST)) {
            return false;
        }
        if (!orderAsked) {
            order = orderSource.get();
            orderAsked = true;
        }
        return order != null && text.parse(v, order);
    }

    private String expected() {
        String type = withTime ? "a DATETIME (such as 2024-03-31T14:05:00Z, or 2024-03-31 14:05 in " + zone + ")"
                : "a DATE (such as 2024-03-31)";
        if (orderAsked && order == null) {
            return type + "; the first " + Where.count(TypeInference.SAMPLE_ROWS) + " rows do not show whether "
                    + "dates in this column are day-first or month-first, so write them as 2024-03-31";
        }
        if (order != null) {
            return type + (order == DateOrder.DAY_FIRST ? "; this column's dates are day-first, such as 31/03/2024"
                    : "; this column's dates are month-first, such as 03/31/2024");
        }
        return type;
    }
}

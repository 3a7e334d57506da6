package dev.connections.csv;

import dev.connections.api.FieldType;
import java.util.Arrays;

/**
 * Infers the type of each column from a sample of rows by elimination: every column starts as a candidate for every
 * type, and each non-empty value strikes out the types it does not fit. What remains decides, in this order of
 * preference: BOOLEAN (true/false, yes/no), INTEGER, DECIMAL, DATE (ISO, or day-first or month-first when the sample
 * shows which: a day above 12; ISO dates may be among them), DATETIME, and TEXT when nothing remains. Empty cells do not vote; a column with no
 * value is TEXT. Not thread-safe.
 */
final class TypeInference {

    /** How many rows, after the header, the sample has at most. */
    static final int SAMPLE_ROWS = 20_000;

    private static final int BOOLEAN = 1;
    private static final int INTEGER = 1 << 1;
    private static final int DECIMAL = 1 << 2;
    private static final int DATE_ISO = 1 << 3;
    private static final int DATE_DAY_FIRST = 1 << 4;
    private static final int DATE_MONTH_FIRST = 1 << 5;
    private static final int DATETIME_ISO = 1 << 6;
    private static final int DATETIME_DAY_FIRST = 1 << 7;
    private static final int DATETIME_MONTH_FIRST = 1 << 8;
    private static final int EVERY_TYPE = (1 << 9) - 1;

    private final int[] candidates;
    private final boolean[] voted;
    private final DateTimeText dates = new DateTimeText();

    private TypeInference(int columns) {
        candidates = new int[columns];
        voted = new boolean[columns];
        Arrays.fill(candidates, EVERY_TYPE);
    }

    /** Reads up to {@link #SAMPLE_ROWS} rows of an open file, from where it is, and infers its columns' types. */
    static TypeInference sample(CsvFile file) {
        int columns = file.header().size();
        TypeInference inference = new TypeInference(columns);
        for (int rows = 0; rows < SAMPLE_ROWS && file.next(); rows++) {
            for (int column = 0; column < columns; column++) {
                inference.vote(column, file.value(column));
            }
        }
        return inference;
    }

    private void vote(int column, String raw) {
        int remaining = candidates[column];
        if (remaining == 0 || raw.isEmpty()) {
            return;
        }
        String v = raw.strip();
        if (v.isEmpty()) {
            return;
        }
        voted[column] = true;
        if ((remaining & BOOLEAN) != 0 && Cells.bool(v) == null) {
            remaining &= ~BOOLEAN;
        }
        if ((remaining & INTEGER) != 0 && Cells.integer(v) == null) {
            remaining &= ~INTEGER;
        }
        if ((remaining & DECIMAL) != 0 && Cells.decimal(v) == null) {
            remaining &= ~DECIMAL;
        }
        remaining = date(remaining, v, DateOrder.ISO, DATE_ISO, DATETIME_ISO);
        remaining = date(remaining, v, DateOrder.DAY_FIRST, DATE_DAY_FIRST, DATETIME_DAY_FIRST);
        remaining = date(remaining, v, DateOrder.MONTH_FIRST, DATE_MONTH_FIRST, DATETIME_MONTH_FIRST);
        candidates[column] = remaining;
    }

    private int date(int remaining, String v, DateOrder order, int dateBit, int dateTimeBit) {
        if ((remaining & (dateBit | dateTimeBit)) == 0) {
            return remaining;
        }
        if (!dates.parse(v, order) && (order == DateOrder.ISO || !dates.parse(v, DateOrder.ISO))) {
            return remaining & ~(dateBit | dateTimeBit);
        }
        return dates.hasTime() ? remaining & ~dateBit : remaining;
    }

    /** @param column 0-based index in the header */
    FieldType type(int column) {
        int remaining = candidates[column];
        if (!voted[column] || remaining == 0) {
            return FieldType.TEXT;
        }
        if ((remaining & BOOLEAN) != 0) {
            return FieldType.BOOLEAN;
        }
        if ((remaining & INTEGER) != 0) {
            return FieldType.INTEGER;
        }
        if ((remaining & DECIMAL) != 0) {
            return FieldType.DECIMAL;
        }
        if ((remaining & DATE_ISO) != 0 || exactlyOne(remaining, DATE_DAY_FIRST, DATE_MONTH_FIRST)) {
            return FieldType.DATE;
        }
        if ((remaining & DATETIME_ISO) != 0 || exactlyOne(remaining, DATETIME_DAY_FIRST, DATETIME_MONTH_FIRST)) {
            return FieldType.DATETIME;
        }
        return FieldType.TEXT;
    }

    /**
     * @param column 0-based index in the header
     * @return the order the sample shows for dates that are not ISO in this column; null when it shows none
     */
    DateOrder order(int column) {
        int remaining = candidates[column];
        if (exactlyOne(remaining, DATETIME_DAY_FIRST, DATETIME_MONTH_FIRST)) {
            return (remaining & DATETIME_DAY_FIRST) != 0 ? DateOrder.DAY_FIRST : DateOrder.MONTH_FIRST;
        }
        return null;
    }

    private static boolean exactlyOne(int remaining, int a, int b) {
        return ((remaining & a) != 0) != ((remaining & b) != 0);
    }
}

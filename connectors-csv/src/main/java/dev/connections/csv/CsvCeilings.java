package dev.connections.csv;

/**
 * The largest limits a connection's settings may ask for, chosen by the host in code
 * ({@link CsvConnector#withCeilings}). A connection's settings are a principal's choice: they may lower the limits
 * that keep a broken or hostile file from filling the host's memory, never raise them past these.
 *
 * @param maxFieldSize  the most characters of one value
 * @param maxRecordSize the most characters of one row's values together; at least {@code maxFieldSize}
 * @param maxColumns    the most columns of a file
 */
record CsvCeilings(int maxFieldSize, int maxRecordSize, int maxColumns) {

    /** The defaults: the settings' own defaults are also their ceilings. */
    static final CsvCeilings DEFAULT = new CsvCeilings(CsvSettings.DEFAULT_MAX_FIELD_SIZE,
            CsvSettings.DEFAULT_MAX_RECORD_SIZE, CsvSettings.DEFAULT_MAX_COLUMNS);

    CsvCeilings {
        if (maxFieldSize < 1 || maxRecordSize < 1 || maxColumns < 1) {
            throw new IllegalArgumentException("CSV ceilings must be positive, not " + maxFieldSize + ", "
                    + maxRecordSize + ", " + maxColumns);
        }
        if (maxRecordSize < maxFieldSize) {
            throw new IllegalArgumentException("the ceiling of a row (" + maxRecordSize + ") must be at least that "
                    + "of a value (" + maxFieldSize + ")");
        }
    }
}

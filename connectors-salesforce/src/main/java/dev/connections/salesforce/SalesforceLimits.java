package dev.connections.salesforce;

/**
 * How much of Salesforce's answers one read may hold at once: what keeps a refresh's memory bounded whatever an org
 * (or a server posing as one) sends. An answer past a limit fails the read with INVALID_DATA naming the limit, and
 * the table keeps its data. The defaults hold every real org's records with room to spare (a long text area holds at
 * most 131,072 characters); a host whose org needs more registers the connector with its own limits, which no
 * connection's settings can change:
 *
 * <pre>{@code
 * Connections.builder().connector(SalesforceConnector.withLimits(
 *         SalesforceLimits.DEFAULT.withMaxJsonAnswerBytes(256L << 20)))
 * }</pre>
 *
 * @param maxJsonAnswerBytes the most bytes of one REST answer (a query page of up to 2,000 records, a describe, an
 *                           sObject list), counted after gzip decoding; default 64 MiB
 * @param maxCsvLineChars    the most characters of one record of Bulk API 2.0 CSV results; default 16 Mi (16,777,216)
 * @param maxValueChars      the most characters of one value: a cell of Bulk CSV results, or the JSON text of a
 *                           compound value (address, location) counted in bytes; default 8 Mi (8,388,608)
 */
public record SalesforceLimits(long maxJsonAnswerBytes, int maxCsvLineChars, int maxValueChars) {

    /** 64 MiB per JSON answer, 16 Mi characters per CSV record, 8 Mi characters per value. */
    public static final SalesforceLimits DEFAULT = new SalesforceLimits(64L << 20, 16 << 20, 8 << 20);

    /** @throws IllegalArgumentException when a limit is not positive, or a value may be longer than a line */
    public SalesforceLimits {
        if (maxJsonAnswerBytes < 1 || maxCsvLineChars < 1 || maxValueChars < 1) {
            throw new IllegalArgumentException("every Salesforce limit must be positive");
        }
        if (maxValueChars > maxCsvLineChars) {
            throw new IllegalArgumentException("a value (" + maxValueChars + " characters) cannot be longer than "
                    + "a CSV line (" + maxCsvLineChars + ")");
        }
    }

    /** @return these limits with another bound on a JSON answer */
    public SalesforceLimits withMaxJsonAnswerBytes(long bytes) {
        return new SalesforceLimits(bytes, maxCsvLineChars, maxValueChars);
    }

    /** @return these limits with another bound on a Bulk CSV record */
    public SalesforceLimits withMaxCsvLineChars(int chars) {
        return new SalesforceLimits(maxJsonAnswerBytes, chars, maxValueChars);
    }

    /** @return these limits with another bound on one value */
    public SalesforceLimits withMaxValueChars(int chars) {
        return new SalesforceLimits(maxJsonAnswerBytes, maxCsvLineChars, chars);
    }
}

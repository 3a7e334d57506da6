package dev.connections.csv;

import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorException.Kind;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

/**
 * The checked settings of one connection.
 *
 * @param folder       the folder, absolute and normalised (not yet resolved through links)
 * @param delimiter    the delimiter, or null to detect it from each file's header line
 * @param encoding     the character set of files without a byte order mark
 * @param maxFieldSize the most characters one value may have
 * @param maxColumns   the most columns a file may have
 * @param maxRecordSize the most characters the values of one row may have together; never below maxFieldSize
 * @param zone         the zone of date-times written without an offset
 */
record CsvSettings(Path folder, Character delimiter, Charset encoding, int maxFieldSize, int maxColumns,
                   int maxRecordSize, ZoneId zone) {

    static final String FOLDER = "folder";
    static final String DELIMITER = "delimiter";
    static final String ENCODING = "encoding";
    static final String MAX_FIELD_SIZE = "maxFieldSize";
    static final String MAX_COLUMNS = "maxColumns";
    static final String MAX_RECORD_SIZE = "maxRecordSize";
    static final String DATE_TIME_ZONE = "dateTimeZone";
    static final String AUTO = "auto";
    static final int DEFAULT_MAX_FIELD_SIZE = 1_048_576;
    static final int DEFAULT_MAX_COLUMNS = 2_000;
    /** 8 Mi characters: eight values of the largest size by default, far more than a real row holds. */
    static final int DEFAULT_MAX_RECORD_SIZE = 8 * 1_048_576;

    /**
     * @throws ConnectorException CONFIGURATION naming the setting and the values it takes
     */
    static CsvSettings from(Map<String, String> settings) {
        return from(settings, CsvCeilings.DEFAULT);
    }

    /**
     * @param ceilings the largest limits the host allows; a setting above one is refused
     * @throws ConnectorException CONFIGURATION naming the setting and the values it takes
     */
    static CsvSettings from(Map<String, String> settings, CsvCeilings ceilings) {
        int maxFieldSize = limit(settings.get(MAX_FIELD_SIZE), MAX_FIELD_SIZE,
                Math.min(DEFAULT_MAX_FIELD_SIZE, ceilings.maxFieldSize()), ceilings.maxFieldSize());
        return new CsvSettings(folder(settings.get(FOLDER)), delimiter(settings.get(DELIMITER)),
                encoding(settings.get(ENCODING)), maxFieldSize,
                limit(settings.get(MAX_COLUMNS), MAX_COLUMNS, Math.min(DEFAULT_MAX_COLUMNS, ceilings.maxColumns()),
                        ceilings.maxColumns()),
                maxRecordSize(settings.get(MAX_RECORD_SIZE), maxFieldSize, ceilings.maxRecordSize()),
                zone(settings.get(DATE_TIME_ZONE)));
    }

    /** Left out, it is the default or maxFieldSize, whichever is larger, so that raising maxFieldSize is enough. */
    private static int maxRecordSize(String value, int maxFieldSize, int ceiling) {
        if (value == null || value.isBlank()) {
            return Math.min(Math.max(DEFAULT_MAX_RECORD_SIZE, maxFieldSize), ceiling);
        }
        int limit = limit(value, MAX_RECORD_SIZE, Math.min(DEFAULT_MAX_RECORD_SIZE, ceiling), ceiling);
        if (limit < maxFieldSize) {
            throw invalid("The maxRecordSize setting " + limit + " is smaller than maxFieldSize " + maxFieldSize
                    + ": a row holds at least one value, so raise maxRecordSize to " + maxFieldSize
                    + " or more, or lower maxFieldSize.");
        }
        return limit;
    }

    private static Path folder(String value) {
        if (value == null || value.isBlank()) {
            throw invalid("The folder setting is missing: set it to the path of the folder that holds the CSV files, "
                    + "e.g. /srv/exports.");
        }
        try {
            return Path.of(value.strip()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw invalid("The folder setting '" + value + "' is not a valid path (" + e.getReason()
                    + "): set it to the path of the folder that holds the CSV files.");
        }
    }

    private static Character delimiter(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        switch (value.equals("\t") ? "tab" : value.strip().toLowerCase(Locale.ROOT)) {
            case AUTO:
                return null;
            case ",":
                return ',';
            case ";":
                return ';';
            case "|":
                return '|';
            case "tab":
            case "\\t":
                return '\t';
            default:
                throw invalid("The delimiter setting '" + value + "' is not one of , ; tab | auto: set it to the "
                        + "character between the values of the files, or to auto to detect it from each header line.");
        }
    }

    private static Charset encoding(String value) {
        if (value == null || value.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(value.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw invalid("The encoding setting '" + value + "' is not a character set this Java runtime knows: set "
                    + "it to the files' encoding, e.g. UTF-8, windows-1252 or ISO-8859-1.");
        }
    }

    private static int limit(String value, String key, int defaultValue, int ceiling) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        long limit;
        try {
            limit = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            limit = 0;
        }
        if (limit < 1) {
            throw invalid("The " + key + " setting '" + value + "' is not a whole number from 1 to " + ceiling
                    + ": set it to a number such as " + defaultValue + ", or leave it out for that default.");
        }
        if (limit > ceiling) {
            throw invalid("The " + key + " setting " + limit + " is more than this host allows (" + ceiling
                    + "): set it to " + ceiling + " or less. Only the host raises the ceiling, in its code "
                    + "(CsvConnector.withCeilings(...)), since a larger limit lets a file take more of its memory.");
        }
        return (int) limit;
    }

    private static ZoneId zone(String value) {
        if (value == null || value.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(value.strip());
        } catch (DateTimeException e) {
            throw invalid("The dateTimeZone setting '" + value + "' is not a time zone: set it to a zone id such as "
                    + "UTC, Europe/Berlin or America/New_York, or an offset such as +02:00.");
        }
    }

    private static ConnectorException invalid(String message) {
        return new ConnectorException(Kind.CONFIGURATION, message);
    }
}

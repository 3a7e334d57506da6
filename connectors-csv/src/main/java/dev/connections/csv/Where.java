package dev.connections.csv;

import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorException.Kind;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Locale;

/** Locations and failures in CSV files, in the form people read: {@code orders.csv line 12, column 'amount'}. */
final class Where {

    private static final int SHOWN_VALUE_CHARS = 80;

    private Where() {
    }

    static String line(String file, long line) {
        return file + " line " + line;
    }

    /**
     * @param column 0-based index of the column
     * @param names  the header's column names; may be shorter than the record (then the column is named by number)
     */
    static String cell(String file, long line, int column, List<String> names) {
        String label = column < names.size() ? "'" + names.get(column) + "'" : String.valueOf(column + 1);
        return line(file, line) + ", column " + label;
    }

    static ConnectorException invalid(String location, String message) {
        return ConnectorException.invalidData(location, message);
    }

    /** @return the failure for a file that could not be read, of the kind its cause calls for */
    static ConnectorException unreadable(String file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new ConnectorException(Kind.NOT_FOUND, file + " is no longer in the folder: refresh the list of "
                    + "files, or put the file back", e);
        }
        if (e instanceof AccessDeniedException) {
            return new ConnectorException(Kind.PERMISSION, file + " cannot be read: give the user that runs the host "
                    + "read access to it", e);
        }
        return new ConnectorException(Kind.UNAVAILABLE, file + " could not be read (" + e.getMessage()
                + "): refresh again; if it keeps failing, check the disk or network share that holds the folder", e);
    }

    /** @return the value quoted for a message, shortened when long */
    static String shown(String value) {
        String shown = value.length() <= SHOWN_VALUE_CHARS ? value : value.substring(0, SHOWN_VALUE_CHARS) + "…";
        return "'" + shown.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0") + "'";
    }

    /** @return a count with thousands separators, as in messages */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}

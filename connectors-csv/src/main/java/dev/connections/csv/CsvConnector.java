package dev.connections.csv;

import dev.connections.spi.Connector;
import dev.connections.spi.ConnectorContext;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.ConnectorDescriptor.AccountPolicy;
import dev.connections.spi.ConnectorDescriptor.AuthKind;
import dev.connections.spi.ConnectorDescriptor.Capability;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.SettingSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The {@code csv} service: a folder of CSV files, each file (in the folder or a subfolder) one source object named
 * by its path in the folder, such as {@code exports/orders.csv}.
 *
 * <p>Reads stream the file and type each value; an incremental read of a file whose fingerprint (size, modification
 * time, SHA-256 of the content) is unchanged costs one metadata look and no parse. Found by
 * {@link java.util.ServiceLoader}, but allowing no folder: the host chooses the folders its users may use with
 * {@link #allowingRoots}. Thread-safe: it holds only those roots; each session holds its connection's settings.
 */
public final class CsvConnector implements Connector {

    /** The service id. */
    public static final String ID = "csv";

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(ID, "Folder of CSV files",
            AuthKind.NONE,
            List.of(SettingSpec.required(CsvSettings.FOLDER, "Folder",
                            "The path of the folder that holds the CSV files, e.g. /srv/exports. Files in its "
                                    + "subfolders are included; links that lead out of it are not followed."),
                    SettingSpec.optional(CsvSettings.DELIMITER, "Delimiter",
                            "The character between values: , ; tab (or \\t) | — or auto to detect it from each "
                                    + "file's header line.", CsvSettings.AUTO),
                    SettingSpec.optional(CsvSettings.ENCODING, "Encoding",
                            "The character set of files without a byte order mark, e.g. UTF-8, windows-1252. "
                                    + "A UTF-8 or UTF-16 byte order mark decides when a file has one.", "UTF-8"),
                    SettingSpec.optional(CsvSettings.MAX_FIELD_SIZE, "Largest value",
                            "The most characters one value may have; a longer value fails the refresh, so that a "
                                    + "broken file cannot exhaust memory.",
                            String.valueOf(CsvSettings.DEFAULT_MAX_FIELD_SIZE)),
                    SettingSpec.optional(CsvSettings.MAX_COLUMNS, "Most columns",
                            "The most columns a file may have.", String.valueOf(CsvSettings.DEFAULT_MAX_COLUMNS)),
                    SettingSpec.optional(CsvSettings.MAX_RECORD_SIZE, "Largest row",
                            "The most characters the values of one row may have together; a longer row fails the "
                                    + "refresh. Left out, it is this default or the largest value, whichever is "
                                    + "larger.", String.valueOf(CsvSettings.DEFAULT_MAX_RECORD_SIZE)),
                    SettingSpec.optional(CsvSettings.DATE_TIME_ZONE, "Time zone of date-times",
                            "The time zone of date-time values written without an offset, e.g. UTC or "
                                    + "Europe/Berlin.", "UTC")),
            Set.of(Capability.INCREMENTAL), AccountPolicy.MANY_PER_ACCOUNT);

    private final AllowedRoots roots;
    private final CsvCeilings ceilings;

    /**
     * For {@link java.util.ServiceLoader}: a connector that allows no local folder, since a connection's folder
     * setting is chosen by a principal and must never decide which host paths are read. A host that offers CSV
     * connections registers {@link #allowingRoots} instead.
     */
    public CsvConnector() {
        this(AllowedRoots.none(), CsvCeilings.DEFAULT);
    }

    private CsvConnector(AllowedRoots roots, CsvCeilings ceilings) {
        this.roots = roots;
        this.ceilings = ceilings;
    }

    /**
     * A connector whose connections may use these folders and the folders inside them, and nothing else; register it
     * with {@code Connections.builder().connector(...)} (it takes the place of the one found on the classpath). A
     * folder setting outside them is refused before the file system is touched; a link inside them that leads out is
     * refused too.
     *
     * @param roots one or more folders, absolute or relative to the working directory; they need not exist yet
     * @throws IllegalArgumentException when none is given
     */
    public static CsvConnector allowingRoots(Path... roots) {
        return new CsvConnector(AllowedRoots.of(roots), CsvCeilings.DEFAULT);
    }

    /**
     * This connector with other ceilings for the limits a connection may set. A connection's settings are a
     * principal's choice: they may lower {@code maxFieldSize}, {@code maxRecordSize} and {@code maxColumns}, never
     * raise them past these. The defaults are the settings' defaults: 1,048,576 characters a value, 8,388,608 a row,
     * 2,000 columns. A row of N characters takes about 2N bytes of heap on each refresh thread that reads it.
     *
     * @param maxFieldSize  the most characters of one value a connection may allow; positive
     * @param maxRecordSize the most characters of one row a connection may allow; at least {@code maxFieldSize}
     * @param maxColumns    the most columns a connection may allow; positive
     * @throws IllegalArgumentException for other values
     */
    public CsvConnector withCeilings(int maxFieldSize, int maxRecordSize, int maxColumns) {
        return new CsvConnector(roots, new CsvCeilings(maxFieldSize, maxRecordSize, maxColumns));
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * Checks the settings without touching the folder: each value, and that the folder is inside an allowed root.
     *
     * @throws dev.connections.spi.ConnectorException CONFIGURATION naming the setting and the values it takes, or
     *                                                the folders this host allows
     */
    @Override
    public ConnectorSession open(ConnectorContext context) {
        CsvSettings settings = CsvSettings.from(context.settings(), ceilings);
        roots.checkWritten(settings.folder());
        return new CsvSession(settings, roots);
    }
}

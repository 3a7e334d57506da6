package dev.connections.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.connections.api.TableId;
import dev.connections.spi.storage.AuthorizationStore;
import dev.connections.spi.storage.ConnectionStore;
import dev.connections.spi.storage.HistoryStore;
import dev.connections.spi.storage.Lease;
import dev.connections.spi.storage.Storage;
import dev.connections.spi.storage.TableData;
import dev.connections.spi.storage.TableStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.SecretKey;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Storage in a relational database: H2 (a file database, the embedded default) or PostgreSQL. Everything lives in
 * one schema, {@code connections} unless the host names another; each connected table's rows are a real SQL table
 * in it, named {@code ct_<table name>_<hash of its id>}, so that a host can read them with plain SQL (see
 * {@link #sqlTableName}). The schema is created and migrated on start.
 *
 * <pre>{@code
 * Storage embedded = JdbcStorage.embedded(Path.of("connections-data"));  // H2 file + key file, no setup
 * Storage shared = JdbcStorage.postgres(dataSource);                      // the host's pool
 * }</pre>
 *
 * <p>Thread-safe: every operation takes a connection from the data source and returns it ({@link #embedded} keeps
 * a pool of its own). A host's {@link DataSource} stays the host's: {@link #close()} does not close it. Failures of
 * the database are {@link JdbcStorageException}s.
 */
public final class JdbcStorage implements Storage {

    /** The schema used when the host names none. */
    public static final String DEFAULT_SCHEMA = "connections";
    /** The file in an embedded storage's folder that holds its credentials key. */
    public static final String KEY_FILE = KeyFile.NAME;

    /**
     * The most connections an embedded storage's pool opens at once; a caller beyond waits (up to 30 seconds) for
     * one to be returned. A running refresh holds one for its whole run and takes a second one now and then
     * (history, lease), so this leaves room for many refresh threads and the host's own calls; idle sessions of
     * the embedded database cost little.
     */
    static final int EMBEDDED_POOL_SIZE = 32;

    /** The embedded folders open in this JVM, each with the number of storages that have it open. */
    private static final Map<Path, Integer> OPEN_FOLDERS = new HashMap<>();

    private final Database db;
    private final JdbcConnectionStore connections;
    private final JdbcTableStore tables;
    private final JdbcHistoryStore history;
    private final JdbcTableData data;
    private final Leases leases;
    private final JdbcAuthorizationStore authorizations;
    private final SecretKey defaultKey;
    private final Connection keepOpen;
    private final HikariDataSource pool;
    private final Path folder;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JdbcStorage(Database db, SecretKey defaultKey, Connection keepOpen, HikariDataSource pool,
                        Path folder) {
        this.db = db;
        this.connections = new JdbcConnectionStore(db);
        this.tables = new JdbcTableStore(db);
        this.history = new JdbcHistoryStore(db);
        this.leases = new Leases(db);
        this.data = new JdbcTableData(db, history, leases);
        this.authorizations = new JdbcAuthorizationStore(db);
        this.defaultKey = defaultKey;
        this.keepOpen = keepOpen;
        this.pool = pool;
        this.folder = folder;
        // names that the schedule migration (V2) could not fold in SQL; none after the first start
        tables.foldUnfoldedNames();
    }

    /**
     * @return the embedded database's page cache, in KB: a sixty-fourth of the heap, from 1 MB up to H2's own 16 MB.
     *         H2 counts a cached page by an estimate below what its objects take in the heap; with its 16 MB in a
     *         128 MB heap, a first load of 1,000,000 rows kept 75 MB after collections, with 4 MB 62 MB, with 2 MB
     *         35 MB, and ran no slower: a refresh reads and writes the table once, in order
     */
    static long embeddedCacheKb(long maxHeap) {
        return Math.max(1024, Math.min(16384, maxHeap / 64 / 1024));
    }

    /**
     * An H2 file database in a folder ({@code connections.mv.db}), created with the folder if missing, and a
     * credentials key beside it ({@value #KEY_FILE}, owner-only) that {@link #defaultSecretKey()} offers the engine.
     * One process at a time may open a folder. Closing the storage closes the database.
     *
     * <p>Because H2 lets only one process open the file, the first storage of a JVM to open a folder knows that no
     * refresh can be running on it: it releases the leases that a process which stopped without releasing them (one
     * that was killed, say) left behind (keeping their generations), and the staging tables of its interrupted refreshes. So a restart need not
     * wait for such leases to run out, and {@code Connections.start()} can mark the interrupted refreshes as failed
     * at once. A second storage on the same folder in the same JVM leaves both alone.
     *
     * <p>The storage keeps a pool of up to {@value #EMBEDDED_POOL_SIZE} connections to the database (HikariCP), so
     * that an operation does not open a new database session. Unlike H2's own pool, it does not roll back a clean
     * connection when it lends it or takes it back: with commits written at once, each rollback made H2 save its
     * store, so every call, reads included, paid for two saves.
     *
     * @param folder where the database and the key live; never null
     * @throws JdbcStorageException when the database cannot be opened (another process has it open, say)
     */
    public static JdbcStorage embedded(Path folder) {
        Objects.requireNonNull(folder, "folder");
        Path dir = folder.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the storage folder " + dir + ": " + e.getMessage(), e);
        }
        JdbcDataSource h2 = new JdbcDataSource();
        // lower-case names like PostgreSQL's, so a host's plain SQL needs no quotes; commits written at once; a page
        // cache in proportion to the heap
        h2.setURL("jdbc:h2:file:" + dir.resolve("connections") + ";DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0;CACHE_SIZE="
                + embeddedCacheKb(Runtime.getRuntime().maxMemory()));
        Connection keepOpen;
        try {
            keepOpen = h2.getConnection();
        } catch (SQLException e) {
            throw new JdbcStorageException("Could not open the embedded database in " + dir + ": " + e.getMessage()
                    + ". If another process uses this folder, stop it or give this one another folder.", e);
        }
        boolean first = open(dir);
        HikariConfig config = new HikariConfig();
        config.setDataSource(h2);
        config.setPoolName("connections-embedded");
        config.setMaximumPoolSize(EMBEDDED_POOL_SIZE);
        config.setMinimumIdle(2);
        config.setAutoCommit(true);
        config.setConnectionTimeout(Duration.ofSeconds(30).toMillis());
        HikariDataSource pool = new HikariDataSource(config);
        try {
            Database db = new Database(pool, Dialect.H2, DEFAULT_SCHEMA);
            Migrations.run(db);
            if (first) {
                StageTables.dropLeftovers(db);
                new Leases(db).clearAll();
            }
            boolean sealed = new JdbcConnectionStore(db).anySealed().isPresent();
            return new JdbcStorage(db, KeyFile.loadOrCreate(dir, !sealed), keepOpen, pool, dir);
        } catch (RuntimeException e) {
            pool.close();
            closed(dir);
            closeQuietly(keepOpen, e);
            throw e;
        }
    }

    /** @return whether no other storage of this JVM has the folder open */
    private static boolean open(Path folder) {
        synchronized (OPEN_FOLDERS) {
            return OPEN_FOLDERS.merge(folder, 1, Integer::sum) == 1;
        }
    }

    private static void closed(Path folder) {
        synchronized (OPEN_FOLDERS) {
            OPEN_FOLDERS.computeIfPresent(folder, (f, n) -> n == 1 ? null : n - 1);
        }
    }

    /**
     * Storage in the host's database, H2 or PostgreSQL (told from the connection's metadata), in the schema
     * {@value #DEFAULT_SCHEMA}. The host gives the credentials key to the SDK itself.
     *
     * @param dataSource the host's data source, ideally a pool; never null
     * @throws JdbcStorageException when the database is neither H2 nor PostgreSQL, or cannot be migrated
     */
    public static JdbcStorage of(DataSource dataSource) {
        return of(dataSource, DEFAULT_SCHEMA);
    }

    /**
     * Like {@link #of(DataSource)}, in a schema of the host's choice (created if missing). The schema should hold
     * nothing but the storage's tables.
     *
     * @param schema the schema's name as it is, case included; never null or blank
     */
    public static JdbcStorage of(DataSource dataSource, String schema) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(schema, "schema");
        if (schema.isBlank()) {
            throw new IllegalArgumentException("the schema of a JdbcStorage must not be blank");
        }
        Dialect dialect;
        try (Connection c = dataSource.getConnection()) {
            dialect = Dialect.of(c);
        } catch (SQLException e) {
            throw new JdbcStorageException("Could not connect to the database to start the storage: "
                    + e.getMessage() + ". Check the DataSource's URL, user and password.", e);
        }
        Database db = new Database(dataSource, dialect, schema);
        Migrations.run(db);
        return new JdbcStorage(db, null, null, null, null);
    }

    /**
     * Storage in the host's PostgreSQL database, schema {@value #DEFAULT_SCHEMA}.
     *
     * @throws JdbcStorageException when the data source leads to another database
     */
    public static JdbcStorage postgres(DataSource dataSource) {
        JdbcStorage storage = of(dataSource);
        if (storage.db.dialect() != Dialect.POSTGRESQL) {
            throw new JdbcStorageException("JdbcStorage.postgres() was given a DataSource of an H2 database; use "
                    + "JdbcStorage.of() for H2, or give it a PostgreSQL DataSource");
        }
        return storage;
    }

    @Override
    public ConnectionStore connections() {
        return connections;
    }

    @Override
    public TableStore tables() {
        return tables;
    }

    @Override
    public HistoryStore history() {
        return history;
    }

    @Override
    public TableData data() {
        return data;
    }

    @Override
    public AuthorizationStore authorizations() {
        return authorizations;
    }

    /**
     * Takes a lease judged by the database's clock: it runs out {@code ttl} after the database's
     * time ({@code clock_timestamp()} on PostgreSQL, {@code CURRENT_TIMESTAMP} on H2), whatever the instances' clocks say; {@code now} is not used.
     */
    @Override
    public Optional<Lease> tryLease(String name, String holder, Instant now, Duration ttl) {
        return leases.tryLease(name, holder, ttl);
    }

    /** @return for {@link #embedded}, the key in its key file; otherwise empty (the host gives the key) */
    @Override
    public Optional<SecretKey> defaultSecretKey() {
        return Optional.ofNullable(defaultKey);
    }

    /** @return the schema the storage's tables are in */
    public String schema() {
        return db.schema();
    }

    /**
     * The SQL table that holds a connected table's rows, for reading them with plain SQL. Its columns are the
     * connected fields' names (see docs/storage-jdbc.md for names that cannot be columns as they are).
     *
     * @return the schema-qualified, quoted name, e.g. {@code "connections"."ct_orders_1a2b3c4d"}; empty when the
     *         table has no storage (yet)
     */
    public Optional<String> sqlTableName(TableId table) {
        return data.sqlName(table);
    }

    /**
     * Closes the embedded database and its pool (a connection still in use, by a refresh say, is closed when it is
     * returned); a host's data source is left open. Safe to call more than once.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        db.close();
        if (pool != null) {
            pool.close();
        }
        if (keepOpen != null) {
            try {
                keepOpen.close();
            } catch (SQLException e) {
                throw new JdbcStorageException("Could not close the embedded database: " + e.getMessage(), e);
            } finally {
                closed(folder);
            }
        }
    }

    private static void closeQuietly(Connection c, Exception failure) {
        try {
            c.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public String toString() {
        return "JdbcStorage[" + db.dialect().folder() + ", schema=" + db.schema() + "]";
    }
}

package dev.connections.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connections.api.ConnectedTable;
import dev.connections.api.ConnectionId;
import dev.connections.api.ConnectionStatus;
import dev.connections.api.Principal;
import dev.connections.api.RefreshCounts;
import dev.connections.api.RefreshStatus;
import dev.connections.spi.Cursor;
import dev.connections.spi.Row;
import dev.connections.spi.storage.RefreshWriter;
import dev.connections.spi.storage.StoredConnection;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: an H2 file database and a key file in a folder, kept across restarts. */
class EmbeddedStorageTest extends JdbcStorageTest {

    @TempDir
    Path folder;

    @Override
    JdbcStorage newStorage() {
        return JdbcStorage.embedded(folder);
    }

    @Override
    Connection plainSql() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + folder.resolve("connections") + ";DATABASE_TO_LOWER=TRUE");
    }

    @Test
    void aRecordTheDatabaseHoldsEqualToAStoredKeyThatItDoesNotMatchExactlyIsNotRemoved() {
        JdbcDataSource ignoringCase = new JdbcDataSource();
        ignoringCase.setURL("jdbc:h2:file:" + folder.resolve("ignoring-case") + ";IGNORECASE=TRUE");
        storage.close();
        storage = JdbcStorage.of(ignoringCase); // closed after the test
        ConnectedTable t = define(table("t-1", "Orders", ORDER_FIELDS, "id"));
        refresh(t, true, new Object[] {"A", "x", null});

        RefreshCounts counts = refresh(t, true, new Object[] {"a", "y", null});

        assertThat(counts).isEqualTo(new RefreshCounts(0, 1, 0, 0));
        assertThat(rows(t.id())).containsExactly(Arrays.asList("A", "y", null));
    }

    @Test
    void textKeysWithALoneSurrogateAreKeptApartFromTheirLookAlikesAndRemoved() {
        ConnectedTable t = define(table("t-1", "Orders", ORDER_FIELDS, "id"));
        refresh(t, true, row("a\uD800", "x", null), row("a?", "y", null), row("b", "z", null));

        RefreshCounts same = refresh(t, true, row("a\uD800", "x", null), row("a?", "y", null), row("b", "z", null));
        RefreshCounts fewer = refresh(t, true, row("a?", "y", null), row("b", "z", null));

        assertThat(same).isEqualTo(new RefreshCounts(0, 0, 3, 0));
        assertThat(fewer).isEqualTo(new RefreshCounts(0, 0, 2, 1));
        assertThat(rows(t.id())).containsExactlyInAnyOrder(Arrays.asList("a?", "y", null),
                Arrays.asList("b", "z", null));
    }

    @Test
    void aChangeOfFieldsStoppedAfterItsFirstStatementsIsUndoneByTheNextRefreshOfTheOldDefinition()
            throws SQLException {
        ConnectedTable t = define(table("t-1", "Orders", ORDER_FIELDS, "id"));
        refresh(t, true, row("k1", "Ann", new BigDecimal("10")), row("k2", "Bob", new BigDecimal("20")));
        long epoch = hashEpoch(t);
        String name = storage.sqlTableName(t.id()).orElseThrow();
        // what define() of amount as TEXT commits on H2 before a crash: the catalog's new hash epoch (its first
        // statement, committed by the DDL after it), then the column dropped and added again with the new type
        try (Connection c = plainSql(); Statement s = c.createStatement()) {
            s.execute("UPDATE \"" + storage.schema() + "\".data_table SET row_hashes = " + (epoch + 1)
                    + ", cursor_value = NULL");
            s.execute("ALTER TABLE " + name + " DROP COLUMN \"amount\"");
            s.execute("ALTER TABLE " + name + " ADD COLUMN \"amount\" CHARACTER VARYING");
        }

        RefreshCounts counts = refresh(t, true, row("k1", "Ann", new BigDecimal("10")),
                row("k2", "Bob", new BigDecimal("20")));

        assertThat(counts).isEqualTo(new RefreshCounts(0, 2, 0, 0));
        assertThat(rows(t.id())).extracting(r -> r.get(2).toString()).containsExactlyInAnyOrder("10", "20");
    }

    @Test
    void aChangeOfFieldsStoresTheNewHashEpochBeforeItsFirstStatementCommits() throws SQLException {
        ConnectedTable t = define(table("t-1", "Orders", ORDER_FIELDS, "id"));
        refresh(t, true, row("k1", "Ann", new BigDecimal("10")));
        long before = hashEpoch(t);
        String name = storage.sqlTableName(t.id()).orElseThrow();
        try (Connection c = plainSql(); Statement s = c.createStatement()) {
            // a view on the amount makes the change fail at its first statement, dropping that column
            s.execute("CREATE VIEW \"" + storage.schema() + "\".amounts AS SELECT \"amount\" FROM " + name);
        }

        Throwable failed = catchThrowable(() -> storage.data().define(t.withFields(ORDER_FIELDS.subList(0, 2),
                List.of("id"))));

        assertThat(failed).isNotNull();
        // H2 committed the catalog's new epoch with the failed statement: no stored hash matches a record now
        assertThat(hashEpoch(t)).isEqualTo(before + 1);
        assertThat(storage.data().cursor(t.id())).isEmpty();
    }

    private long hashEpoch(ConnectedTable t) throws SQLException {
        try (Connection c = plainSql(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT row_hashes FROM \"" + storage.schema() + "\".data_table "
                     + "WHERE table_id = '" + t.id().value() + "'")) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    @Test
    void theDatabasesPageCacheIsInProportionToTheHeap() throws SQLException {
        long cacheKb = 16384; // H2's default, which its settings table does not list
        try (Connection c = plainSql(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
                     + "WHERE UPPER(SETTING_NAME) = 'CACHE_SIZE'")) {
            if (rs.next()) {
                cacheKb = Long.parseLong(rs.getString(1));
            }
        }

        assertThat(cacheKb).isEqualTo(JdbcStorage.embeddedCacheKb(Runtime.getRuntime().maxMemory()));
        assertThat(JdbcStorage.embeddedCacheKb(128L << 20)).isEqualTo(2048);
        assertThat(JdbcStorage.embeddedCacheKb(16L << 20)).isEqualTo(1024);
        assertThat(JdbcStorage.embeddedCacheKb(8L << 30)).isEqualTo(16384);
    }

    @Test
    void everythingSurvivesReopeningTheFolder() {
        StoredConnection connection = connection(new byte[] {1, 2, 3});
        storage.connections().insert(connection);
        ConnectedTable orders = define(table("t-1", "Orders", ORDER_FIELDS, "id"));
        storage.tables().insert(orders);
        refresh(orders, true, row("k1", "Ann", new BigDecimal("1.5")));
        SecretKey key = storage.defaultSecretKey().orElseThrow();
        storage.close();

        storage = JdbcStorage.embedded(folder);

        assertThat(storage.connections().get(connection.id())).contains(connection);
        assertThat(storage.tables().get(orders.id())).contains(orders);
        assertThat(rows(orders.id())).containsExactly(List.of("k1", "Ann", new BigDecimal("1.5")));
        assertThat(storage.data().cursor(orders.id())).contains(Cursor.of("after-0"));
        assertThat(storage.history().latest(orders.id(), RefreshStatus.SUCCEEDED).orElseThrow().counts())
                .isEqualTo(new RefreshCounts(1, 0, 0, 0));
        assertThat(storage.defaultSecretKey()).contains(key);
    }

    @Test
    void theKeyFileIsAnAesKeyOnlyItsOwnerMayReadAndIsReusedOnReopen() throws Exception {
        Path keyFile = folder.resolve(JdbcStorage.KEY_FILE);
        SecretKey key = storage.defaultSecretKey().orElseThrow();
        storage.close();

        assertThat(key.getAlgorithm()).isEqualTo("AES");
        assertThat(key.getEncoded()).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        storage = JdbcStorage.embedded(folder);
        assertThat(storage.defaultSecretKey()).contains(key);
    }

    @Test
    void aLostKeyFileIsNotReplacedWhileTheDatabaseHoldsCredentialsSealedWithIt() throws Exception {
        Path keyFile = folder.resolve(JdbcStorage.KEY_FILE);
        byte[] saved = Files.readAllBytes(keyFile);
        storage.connections().insert(connection(encrypt(storage.defaultSecretKey().orElseThrow(), "secret")));
        storage.close();
        Files.delete(keyFile);

        assertThatThrownBy(() -> JdbcStorage.embedded(folder)).isInstanceOf(JdbcStorageException.class)
                .hasMessageContaining("connections.key is missing").hasMessageContaining("Restore connections.key");
        assertThat(keyFile).doesNotExist();

        Files.write(keyFile, saved);
        storage = JdbcStorage.embedded(folder);
        assertThat(storage.defaultSecretKey().orElseThrow().getEncoded()).isEqualTo(
                Base64.getDecoder().decode(new String(saved, StandardCharsets.US_ASCII).trim()));
    }

    @Test
    void aLostKeyFileIsCreatedAgainWhenNoCredentialsAreStored() throws Exception {
        Path keyFile = folder.resolve(JdbcStorage.KEY_FILE);
        storage.close();
        Files.delete(keyFile);

        storage = JdbcStorage.embedded(folder);

        assertThat(keyFile).exists();
    }

    @Test
    void noSecretAppearsInPlaintextInTheDatabaseFile() throws Exception {
        String token = "00Dxx0000001gPL!AQ4AQFakeRefreshTokenThatMustNeverBeReadable";
        byte[] ciphertext = encrypt(storage.defaultSecretKey().orElseThrow(), token);
        storage.connections().insert(connection(ciphertext));
        storage.close();

        byte[] file = Files.readAllBytes(folder.resolve("connections.mv.db"));

        assertThat(contains(file, "/srv/visible-setting".getBytes(StandardCharsets.UTF_8)))
                .as("a plain setting is found, so the search works").isTrue();
        assertThat(contains(file, ciphertext)).as("the ciphertext is stored as it is").isTrue();
        assertThat(contains(file, token.getBytes(StandardCharsets.UTF_8))).as("the token in plaintext").isFalse();
        assertThat(contains(file, token.getBytes(StandardCharsets.UTF_16BE))).as("the token in UTF-16").isFalse();
    }

    @Test
    void startingAgainOnAMigratedDatabaseChangesNothing() throws SQLException {
        storage.close();
        storage = JdbcStorage.embedded(folder);
        storage.close();
        storage = JdbcStorage.embedded(folder);

        try (Connection c = plainSql(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, script FROM connections.schema_version ORDER BY version")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getString(2)).isEqualTo("V1__base.sql");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(2);
            assertThat(rs.getString(2)).isEqualTo("V2__schedule.sql");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(3);
            assertThat(rs.getString(2)).isEqualTo("V3__authorization.sql");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(4);
            assertThat(rs.getString(2)).isEqualTo("V4__connection_version.sql");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(5);
            assertThat(rs.getString(2)).isEqualTo("V5__lease_generation.sql");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(6);
            assertThat(rs.getString(2)).isEqualTo("V6__row_hashes.sql");
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void aRefreshLeavesNoStagingTablesBehind() throws SQLException {
        ConnectedTable orders = define(table("t-1", "Orders", ORDER_FIELDS, "id"));
        refresh(orders, true, row("k1", "Ann", null));
        try (RefreshWriter aborted = storage.data().begin(orders, fence(orders))) {
            aborted.upsert(Row.of("k2", "Bob", null));
        }

        assertThat(tables()).noneMatch(name -> name.startsWith("cx_stage_"));
    }

    @Test
    void aFirstLoadGoesStraightIntoTheTableAndALaterRefreshComparesWithIt() throws SQLException {
        ConnectedTable orders = define(table("t-1", "Orders", ORDER_FIELDS, "id"));
        try (RefreshWriter writer = storage.data().begin(orders, fence(orders))) {
            writer.upsert(Row.of("k1", "Ann", null));
            assertThat(tables()).noneMatch(name -> name.startsWith("cx_stage_"));
            RefreshCounts counts = writer.prepare(true);
            writer.commit(null, succeeded(orders.id(), counts));
            assertThat(counts).isEqualTo(new RefreshCounts(1, 0, 0, 0));
        }

        assertThat(refresh(orders, true, row("k1", "Ann", null), row("k2", "Bob", null)))
                .isEqualTo(new RefreshCounts(1, 0, 1, 0));
    }

    @Test
    void stagingTablesOfACrashedProcessAreDroppedOnStart() throws SQLException {
        try (Connection c = plainSql(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE connections.cx_stage_0badf00d_7_rows (seq bigint, line bigint, c0 varchar)");
        }
        storage.close();

        storage = JdbcStorage.embedded(folder);

        assertThat(tables()).doesNotContain("cx_stage_0badf00d_7_rows");
    }

    @Test
    void decimalsLoseTrailingZerosButNeverPrintAsAnExponent() {
        ConnectedTable orders = define(table("t-1", "Orders", ORDER_FIELDS, "id"));
        refresh(orders, true, row("k1", "Ann", new BigDecimal("250.00")), row("k2", "Bob", new BigDecimal("12.50")),
                row("k3", "Cy", new BigDecimal("-1E+3")));

        assertThat(rows(orders.id())).extracting(r -> r.get(2).toString())
                .containsExactlyInAnyOrder("250", "12.5", "-1000");
    }

    @Test
    void leasesOfAProcessThatStoppedAreClearedWhenTheFolderIsOpenedAgain() {
        assertThat(storage.tryLease("refresh:t-1", "dead-process", T0, Duration.ofMinutes(10))).isPresent();
        storage.close();   // as if the process died: the lease was never released

        storage = JdbcStorage.embedded(folder);

        assertThat(storage.tryLease("refresh:t-1", "next-process", T0, Duration.ofMinutes(10))).isPresent();
    }

    @Test
    void aSecondStorageOnTheFolderInTheSameJvmLeavesTheLeasesOfTheFirstAlone() {
        assertThat(storage.tryLease("refresh:t-1", "first", T0, Duration.ofMinutes(10))).isPresent();

        try (JdbcStorage second = JdbcStorage.embedded(folder)) {
            assertThat(second.tryLease("refresh:t-1", "second", T0, Duration.ofMinutes(10))).isEmpty();
        }
        storage.close();
        storage.close();   // closing twice counts once: the next storage is the first again

        storage = JdbcStorage.embedded(folder);
        assertThat(storage.tryLease("refresh:t-1", "third", T0, Duration.ofMinutes(10))).isPresent();
    }

    private List<String> tables() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = plainSql(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables "
                     + "WHERE table_schema = 'connections'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    @Test
    void aDatabaseMigratedByANewerReleaseIsRefusedWithWhatToDo() throws SQLException {
        try (Connection c = plainSql(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO connections.schema_version VALUES (99, 'V99__future.sql', 0, CURRENT_TIMESTAMP)");
        }
        storage.close();

        assertThatThrownBy(() -> JdbcStorage.embedded(folder)).isInstanceOf(JdbcStorageException.class)
                .hasMessageContaining("version 99").hasMessageContaining("Use that release (or newer)");
    }

    @Test
    void aHostsOwnH2DataSourceWorksInASchemaOfItsChoice() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:host-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        storage.close();
        storage = JdbcStorage.of(h2, "Connections SDK");
        ConnectedTable orders = define(table("t-1", "Orders", ORDER_FIELDS, "id"));

        refresh(orders, true, row("k1", "Ann", null));

        assertThat(rows(orders.id())).containsExactly(Arrays.asList("k1", "Ann", null));
        assertThat(storage.sqlTableName(orders.id()).orElseThrow()).startsWith("\"Connections SDK\".\"ct_orders_");
        assertThat(storage.defaultSecretKey()).isEmpty();
    }

    @Test
    void postgresRefusesADataSourceOfAnotherDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:not-postgres-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");

        assertThatThrownBy(() -> JdbcStorage.postgres(h2)).isInstanceOf(JdbcStorageException.class)
                .hasMessageContaining("use JdbcStorage.of() for H2");
    }

    private static StoredConnection connection(byte[] secrets) {
        return new StoredConnection(ConnectionId.of("c-1"), "salesforce", Principal.of("pam"), "Pam's org",
                ConnectionStatus.ACTIVE, null, "00Dxx0000001gPL", Map.of("folder", "/srv/visible-setting"), secrets,
                T0, null, 0);
    }

    /** AES-GCM as the engine does it: a random 12-byte nonce, then the ciphertext with its tag. */
    private static byte[] encrypt(SecretKey key, String plaintext) throws GeneralSecurityException {
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[nonce.length + sealed.length];
        System.arraycopy(nonce, 0, out, 0, nonce.length);
        System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
        return out;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}

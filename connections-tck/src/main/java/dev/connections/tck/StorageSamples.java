package dev.connections.tck;

import dev.connections.api.ConnectedTable;
import dev.connections.api.ConnectionId;
import dev.connections.api.ConnectionStatus;
import dev.connections.api.FieldType;
import dev.connections.api.Filter;
import dev.connections.api.Principal;
import dev.connections.api.ReadMode;
import dev.connections.api.RefreshRun;
import dev.connections.api.RefreshSchedule;
import dev.connections.api.SourceField;
import dev.connections.api.TableId;
import dev.connections.api.TableUpdates;
import dev.connections.api.TestResult;
import dev.connections.spi.storage.StoredAuthorization;
import dev.connections.spi.storage.StoredConnection;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The connections, tables and runs the storage suites of {@link StorageContract} store. Times have millisecond
 * precision and filters are built from their text form, so that a storage that keeps them as text or as database
 * timestamps gives back equal values.
 */
final class StorageSamples {

    /** A moment to count from. */
    static final Instant T0 = Instant.parse("2024-03-01T10:15:30.123Z");

    /** The columns of the usual sample table: {@code id} is its refresh key. */
    static final List<SourceField> COLUMNS = List.of(
            new SourceField("id", "Id", FieldType.TEXT, false, true),
            SourceField.of("name", FieldType.TEXT),
            new SourceField("amount", "Amount (EUR)", FieldType.DECIMAL, true, false));

    private StorageSamples() {
    }

    static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    /** A CSV connection of one owner to one account, without secrets and never tested. */
    static StoredConnection connection(String id, String owner, String service, String account, int minute) {
        return new StoredConnection(ConnectionId.of(id), service, Principal.of(owner), "Connection " + id,
                ConnectionStatus.ACTIVE, null, account, Map.of("folder", "/srv/exports/" + id), null, at(minute),
                null, 0);
    }

    /**
     * An authorization waiting for its callback, reauthorizing a connection, with sealed bytes of every kind (zero,
     * high bit, 0xff), expiring a number of minutes after {@link #T0}.
     */
    static StoredAuthorization authorization(String state, int expiresMinute) {
        return new StoredAuthorization(state, Principal.of("pam"), "quickbooks", "Pam's QBO Company A connection",
                ConnectionId.of("c-1"), "https://appcenter.intuit.example/connect/oauth2?state=" + state,
                at(expiresMinute), new byte[] {1, 0, (byte) 0x7f, (byte) 0x80, (byte) 0xff, 0, 42});
    }

    /** A connection with every optional part set. */
    static StoredConnection fullConnection(String id) {
        return new StoredConnection(ConnectionId.of(id), "quickbooks", Principal.of("pam"),
                "Pam's QBO Company A connection", ConnectionStatus.SUPERSEDED, "superseded by c-2 (Jim's)",
                "9130355322375496", Map.of("environment", "sandbox", "minorVersion", "75"),
                new byte[] {0, 1, 2, (byte) 0x7f, (byte) 0x80, (byte) 0xff, 0, 0}, at(0),
                new TestResult(at(1), true, "9130355322375496", "Connected to Company A"), 0);
    }

    /** The usual sample table, {@link #COLUMNS} keyed by {@code id}, created at a minute after {@link #T0}. */
    static ConnectedTable table(String id, String connection, int minute) {
        return new ConnectedTable(TableId.of(id), "sales", "Orders " + id, ConnectionId.of(connection), "csv",
                "orders.csv", COLUMNS, List.of("id"), Filter.all(), TableUpdates.REMOVE, RefreshSchedule.manual(),
                Principal.of("pam"), at(minute));
    }

    static ConnectedTable table(String id) {
        return table(id, "c-1", 0);
    }

    /** A table with a two-field refresh key, a compound filter and a weekly schedule. */
    static ConnectedTable detailedTable(String id) {
        List<SourceField> fields = List.of(
                new SourceField("region", "Sales region", FieldType.TEXT, false, false),
                new SourceField("number", "Order number", FieldType.INTEGER, false, false),
                SourceField.of("customer", FieldType.TEXT),
                SourceField.of("amount", FieldType.DECIMAL),
                SourceField.of("placed_at", FieldType.DATETIME),
                SourceField.of("closed", FieldType.BOOLEAN));
        Filter filter = Filter.parse("amount >= 100.50 AND (region IN ('EU', 'US') OR customer CONTAINS 'O''Brien')"
                + " AND closed = false AND number > 7 AND placed_at IS NOT EMPTY");
        return new ConnectedTable(TableId.of(id), "sales", "Regional orders", ConnectionId.of("c-9"), "csv",
                "regional orders.csv", fields, List.of("region", "number"), filter, TableUpdates.KEEP,
                RefreshSchedule.weekly(DayOfWeek.MONDAY, LocalTime.of(2, 30), ZoneId.of("Europe/Berlin")),
                Principal.of("jim"), at(3));
    }

    /** A run of a table that started at a minute after {@link #T0} and is still running. */
    static RefreshRun started(String id, TableId table, int minute) {
        return RefreshRun.started(id, table, RefreshRun.Trigger.MANUAL, ReadMode.FULL, at(minute));
    }
}

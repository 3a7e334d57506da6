package dev.connections.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.Filter;
import dev.connections.api.ReadMode;
import dev.connections.api.SourceField;
import dev.connections.spi.Connector;
import dev.connections.spi.ConnectorDescriptor.Capability;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.Cursor;
import dev.connections.spi.ReadRequest;
import dev.connections.spi.ReadResult;
import dev.connections.spi.RecordSink;
import dev.connections.spi.Row;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of a connector with {@link Capability#DELETES}: after a full read and its cursor, a record deleted at
 * the source is reported by the next incremental read through {@link RecordSink#deleted} with its refresh key values,
 * in key order, and is not delivered as a row. A connector proves it with a small test class in its own module that
 * describes the connector under test with a known object (a {@link ConnectorSubject}, which its other suites share) and
 * deletes one of that object's records at the source:
 *
 * <pre>{@code
 * class SalesforceDeletesContractTest extends DeletesContract {
 *     protected ConnectorSubject<?> subject() { return fixture.subject(); }
 *     protected List<Object> deleteRecord() {
 *         fixture.clock.advance(Duration.ofMinutes(1));
 *         fixture.fake.delete("Account", fixture.accountIds.get(1));
 *         return List.of(fixture.accountIds.get(1));
 *     }
 * }
 * }</pre>
 *
 * <p>Each test opens its sessions with contexts from {@link ConnectorSubject#newContext}: one for the full read,
 * another for the incremental read, as the engine does for two refreshes. JUnit makes one instance per test and runs
 * its tests on one thread; the abstract methods may be called several times in a test, {@link #deleteRecord()} once.
 * Key values are compared as {@link Rows} compares them.
 */
public abstract class DeletesContract {

    /**
     * @return the connector under test, a working connection's settings, how a session's context is made, and a known
     *         object with at least two records, one of which {@link #deleteRecord()} deletes, with the fields to read
     *         and the refresh key among them; never null
     */
    protected abstract ConnectorSubject<?> subject();

    /**
     * Deletes one record of the subject's known object at the source, after the full read that gave the cursor. Move
     * the stand-in's clock here when the deletion must be later than the cursor to be seen.
     *
     * @return the deleted record's refresh key values, in the order of the subject's refresh key; never null
     */
    protected abstract List<Object> deleteRecord();

    @Test
    void descriptorDeclaresDeletesAndIncrementalReads() {
        assertThat(connector().descriptor().capabilities()).contains(Capability.DELETES, Capability.INCREMENTAL);
    }

    @Test
    void refreshKeyIsOneToFourOfTheKnownFields() {
        assertThat(refreshKey()).hasSizeBetween(1, 4).doesNotHaveDuplicates();
        assertThat(knownFields()).doesNotHaveDuplicates().containsAll(refreshKey());
    }

    @Test
    void theRecordToDeleteIsOneTheFullReadDelivers() {
        Read full = fullRead();
        List<Object> deleted = normalized(deleteRecord());

        assertThat(deleted).as("key of the deleted record").hasSameSizeAs(refreshKey());
        assertThat(full.keys()).as("refresh keys of the full read before the deletion").contains(deleted);
    }

    @Test
    void anIncrementalReadReportsARecordDeletedAtTheSourceByItsRefreshKey() {
        Cursor cursor = fullRead().result().next();
        List<Object> deleted = normalized(deleteRecord());

        Read changes = incrementalRead(cursor);

        assertThat(changes.deletions()).as("deletions reported by the incremental read").containsExactly(deleted);
    }

    @Test
    void anIncrementalReadDoesNotDeliverTheDeletedRecordAsARow() {
        Cursor cursor = fullRead().result().next();
        List<Object> deleted = normalized(deleteRecord());

        Read changes = incrementalRead(cursor);

        assertThat(changes.keys()).as("refresh keys of the rows the incremental read delivered")
                .doesNotContain(deleted);
    }

    @Test
    void aFullReadAfterTheDeletionNoLongerDeliversTheRecordAndReportsNoDeletion() {
        fullRead();
        List<Object> deleted = normalized(deleteRecord());

        Read after = fullRead();

        assertThat(after.keys()).as("refresh keys of a full read after the deletion").doesNotContain(deleted);
        assertThat(after.deletions()).as("deletions reported by a full read").isEmpty();
    }

    // --- helpers

    private Connector connector() {
        return subject().connector();
    }

    private String knownObject() {
        return subject().knownObject();
    }

    private List<String> knownFields() {
        return subject().knownFields();
    }

    private List<String> refreshKey() {
        return subject().refreshKey();
    }

    /** What one read gave: its result, the refresh keys of its rows, and its deletions, normalized. */
    private record Read(ReadResult result, List<List<Object>> keys, List<List<Object>> deletions) {
    }

    private Read fullRead() {
        Read read = read(ReadMode.FULL, null);
        assertThat(read.result().next()).as("cursor of a full read of a connector that reads incrementally")
                .isNotNull();
        return read;
    }

    private Read incrementalRead(Cursor cursor) {
        Read read = read(ReadMode.INCREMENTAL, cursor);
        assertThat(read.result().performed()).as("what the read after the deletion performed: a connector with "
                + "DELETES reads incrementally when nothing calls for a full read").isEqualTo(ReadMode.INCREMENTAL);
        return read;
    }

    private Read read(ReadMode mode, Cursor cursor) {
        try (ConnectorSession session = connector().open(subject().newContext(subject().settings()))) {
            List<SourceField> fields = Contracts.fields(session.describe(knownObject()), knownFields());
            CollectingSink sink = new CollectingSink();
            ReadResult result = session.read(new ReadRequest(knownObject(), fields, refreshKey(), Filter.all(), mode,
                    cursor), sink);
            List<List<Object>> keys = new ArrayList<>();
            for (Row row : sink.rows()) {
                List<Object> key = new ArrayList<>();
                for (String field : refreshKey()) {
                    key.add(Rows.normalized(row.get(knownFields().indexOf(field))));
                }
                keys.add(key);
            }
            List<List<Object>> deletions = sink.deletions().stream().map(DeletesContract::normalized).toList();
            return new Read(result, keys, deletions);
        }
    }

    private static List<Object> normalized(List<Object> key) {
        return Rows.normalized(key.toArray());
    }
}

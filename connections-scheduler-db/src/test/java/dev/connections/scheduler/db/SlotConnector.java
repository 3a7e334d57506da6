package dev.connections.scheduler.db;

import dev.connections.api.FieldType;
import dev.connections.api.SourceField;
import dev.connections.api.SourceObject;
import dev.connections.api.SourceSchema;
import dev.connections.spi.Account;
import dev.connections.spi.Connector;
import dev.connections.spi.ConnectorContext;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.ReadRequest;
import dev.connections.spi.ReadResult;
import dev.connections.spi.RecordSink;
import dev.connections.spi.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;

/**
 * A source of two objects with one record each, {@code (id, instance)}: which instance read it. The object
 * {@value #FAST} reads at once. The first read of {@value #SLOW} across every process creates the file {@code slowMark}
 * with this instance's name in it and then never ends (it reads stdin, which nobody writes): a refresh in the middle,
 * for the test to kill; every later read of it is as fast as the other.
 */
final class SlotConnector implements Connector {

    static final String ID = "slots";
    static final String FAST = "fast";
    static final String SLOW = "slow";

    private final String instance;
    private final Path slowMark;

    SlotConnector(String instance, Path slowMark) {
        this.instance = instance;
        this.slowMark = slowMark;
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor(ID, "Slots", ConnectorDescriptor.AuthKind.NONE, List.of(), Set.of(),
                ConnectorDescriptor.AccountPolicy.MANY_PER_ACCOUNT);
    }

    @Override
    public ConnectorSession open(ConnectorContext context) {
        return new ConnectorSession() {
            @Override
            public Account test() {
                return new Account("slots", "Slots");
            }

            @Override
            public List<SourceObject> objects() {
                return List.of(new SourceObject(FAST, "Fast"), new SourceObject(SLOW, "Slow once"));
            }

            @Override
            public SourceSchema describe(String object) {
                return new SourceSchema(object, List.of(new SourceField("id", "Id", FieldType.TEXT, false, true),
                        SourceField.of("instance", FieldType.TEXT)), List.of("id"));
            }

            @Override
            public ReadResult read(ReadRequest request, RecordSink sink) {
                if (request.object().equals(SLOW) && firstSlowRead()) {
                    waitToBeKilled();
                }
                sink.accept(Row.of("1", instance));
                return ReadResult.full(null);
            }

            @Override
            public void close() {
            }
        };
    }

    private boolean firstSlowRead() {
        try {
            // the first to create the claim is the first read; the others find it
            Files.createFile(slowMark.resolveSibling(slowMark.getFileName() + ".claimed"));
            Path named = Files.writeString(slowMark.resolveSibling(slowMark.getFileName() + ".new"), instance,
                    StandardCharsets.UTF_8);
            Files.move(named, slowMark, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void waitToBeKilled() {
        try {
            while (System.in.read() != -1) {
                // only a kill ends this read
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("stdin closed while the slow read waited to be killed");
    }
}

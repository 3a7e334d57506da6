package dev.connections.core;

import dev.connections.api.Connection;
import dev.connections.api.ConnectionsEvent;
import dev.connections.api.NewConnection;
import dev.connections.api.Principal;
import dev.connections.api.TableId;
import dev.connections.tck.ClockMode;
import dev.connections.tck.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** An SDK over a {@link MemorySource}, with a hand-moved clock and the events it raised. */
final class Fixture implements AutoCloseable {

    static final Principal PAM = Principal.of("pam");
    static final Principal JIM = Principal.of("jim");

    final MemorySource source = MemorySource.orders();
    static final Instant START = Instant.parse("2026-03-28T10:00:00Z");

    final MutableClock clock;
    final List<ConnectionsEvent> events = new CopyOnWriteArrayList<>();
    final Connections sdk;

    Fixture() {
        this(Connections.builder());
    }

    Fixture(Connections.Builder builder) {
        this(ClockMode.FROZEN, builder);
    }

    /** @param mode whether the clock also moves on every read */
    Fixture(ClockMode mode, Connections.Builder builder) {
        clock = mode.startingAt(START);
        sdk = builder.connector(new MemoryConnector(source)).clock(clock).listener(events::add)
                .discoverConnectors(false).externalScheduler().build();
    }

    Connection connection(Principal owner, String name) {
        return sdk.connections().create(owner, NewConnection.of("memory", name).set("account", "acme")
                .set("token", MemoryConnector.TOKEN));
    }

    /** @return the table's rows as sorted strings, for comparisons */
    List<String> rows(TableId table) {
        try (Stream<Object[]> rows = sdk.tables().rows(PAM, table)) {
            return rows.map(Arrays::toString).sorted(Comparator.naturalOrder())
                    .collect(Collectors.toCollection(ArrayList::new));
        }
    }

    @Override
    public void close() {
        sdk.close();
    }
}

package dev.connections.quickbooks;

import dev.connections.spi.Cursor;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The connector's cursor: the instant the next incremental read asks QuickBooks for changes since, as ISO-8601 UTC
 * text. It is taken from the service's own {@code time} of the answer that began a read (not the host's clock, so
 * the two clocks need not agree), less {@link #OVERLAP} for changes QuickBooks records a little late. A record that
 * falls in the overlap is read again and counted unchanged. Stateless.
 */
final class Cursors {

    /** How far back of the answer's time the next read starts. */
    static final Duration OVERLAP = Duration.ofMinutes(5);

    /**
     * The oldest cursor change data capture is asked for. QuickBooks looks back 30 days; a day is kept in hand for
     * clocks that disagree. An older cursor makes the read a full one.
     */
    static final Duration WINDOW = Duration.ofDays(29);

    private static final DateTimeFormatter LITERAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx")
            .withZone(ZoneOffset.UTC);

    private Cursors() {
    }

    /** @return the start of the next read, from the service's time of an answer */
    static Instant next(Instant serviceTime) {
        return serviceTime.minus(OVERLAP).truncatedTo(ChronoUnit.SECONDS);
    }

    static Cursor of(Instant since) {
        return Cursor.of(since.toString());
    }

    /** @return the instant of a cursor; empty when it is not one of this connector's */
    static Optional<Instant> since(Cursor cursor) {
        try {
            return Optional.of(Instant.parse(cursor.value()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** @return an instant as QuickBooks takes it in queries and in {@code changedSince}: 2024-01-31T23:00:00+00:00 */
    static String literal(Instant instant) {
        return LITERAL.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}

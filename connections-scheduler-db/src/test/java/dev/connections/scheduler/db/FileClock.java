package dev.connections.scheduler.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Simulated time that several JVMs share: the system clock plus an offset that a file holds, so that a test moves
 * every process's time forward at once by writing the file ({@link #moveTo}). Between moves it runs at the speed of
 * real time, so heartbeats, leases and their expiry behave as they do in production; a move only ever goes forward.
 * The SDK reads it as a {@link Clock}, db-scheduler as its own clock: both decide by the same time.
 */
final class FileClock extends Clock implements com.github.kagkarlsson.scheduler.Clock {

    private final Path file;

    FileClock(Path file) {
        this.file = file;
    }

    /** Moves the time of every process reading {@code file} so that it is {@code at} now, then runs on from there. */
    static void moveTo(Path file, Instant at) {
        long offset = Duration.between(Instant.now(), at).toMillis();
        try {
            Path next = Files.writeString(file.resolveSibling(file.getFileName() + ".next"), Long.toString(offset),
                    StandardCharsets.US_ASCII);
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not move the shared clock in " + file, e);
        }
    }

    @Override
    public Instant instant() {
        try {
            long offset = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip());
            return Instant.now().plusMillis(offset);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the shared clock in " + file, e);
        }
    }

    @Override
    public Instant now() {
        return instant();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the shared clock is UTC");
    }
}

package dev.connections.core.internal.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** How long to wait before the next attempt: exponential backoff with full jitter, or what the service asked for. */
final class Waits {

    static final Duration BASE = Duration.ofMillis(500);
    static final Duration CAP = Duration.ofSeconds(30);
    private static final long MAX_RETRY_AFTER_SECONDS = Duration.ofDays(1).toSeconds();

    private Waits() {
    }

    /**
     * @param attempt the attempt that just failed, 1 for the first
     * @return a random wait between zero and {@code min(CAP, BASE * 2^(attempt-1))}
     */
    static Duration backoff(int attempt) {
        int shift = Math.min(attempt - 1, 20);
        long ceiling = Math.min(CAP.toMillis(), BASE.toMillis() << shift);
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    /**
     * Reads a Retry-After header: a number of seconds or an HTTP date.
     *
     * @return the wait it asks for (zero for a date in the past); empty when absent or unreadable
     */
    static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Math.min(Long.parseLong(value), MAX_RETRY_AFTER_SECONDS)));
            } catch (NumberFormatException e) {
                return Optional.of(Duration.ofSeconds(MAX_RETRY_AFTER_SECONDS));
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

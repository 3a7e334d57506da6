package dev.connections.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How the HTTP support waits between attempts of a request. The SDK sleeps on the calling thread; tests give one
 * that records the waits (and moves their clock) instead: {@code Connections.builder().sleeper(waits::add)}.
 * Implementations MUST be thread-safe: every refresh thread waits through the same one.
 */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps on the calling thread. */
    Sleeper SYSTEM = duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());

    /**
     * Waits before the next attempt.
     *
     * @param duration how long; never null, never negative
     * @throws InterruptedException when the thread is interrupted while waiting: the request is given up
     */
    void sleep(Duration duration) throws InterruptedException;
}

package dev.connections.tck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock tests move by hand, so that schedules, leases, token lifetimes and change windows can be tested without
 * waiting. Always in UTC. Thread-safe: one instance may be shared by an SDK, a fake service and the test.
 *
 * <p>Two modes. A {@linkplain #MutableClock(Instant) frozen} clock shows the same time until it is moved. A
 * {@linkplain #ticking(Instant, Duration) ticking} clock also moves forward by a step on every read, as a real clock
 * does between two reads: code that reads the clock twice for one decision (and so compares a time with a later
 * one) fails under it. Run time-dependent tests with both.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final Duration tick;

    /** @param start the time the clock shows until it is moved; never null */
    public MutableClock(Instant start) {
        this(start, Duration.ZERO);
    }

    private MutableClock(Instant start, Duration tick) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
        this.tick = tick;
    }

    /**
     * @param start the first time it shows; never null
     * @param step  how far it moves after every read; positive
     * @return a clock that advances on every read, and can also be moved by hand
     */
    public static MutableClock ticking(Instant start, Duration step) {
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("a ticking clock's step must be positive, not " + step);
        }
        return new MutableClock(start, step);
    }

    /** @return true when it moves on every read */
    public boolean isTicking() {
        return !tick.isZero();
    }

    /** Moves the clock forward (or back, for a negative duration). */
    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    /** Sets the clock to a time. */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return tick.isZero() ? now.get() : now.getAndUpdate(t -> t.plus(tick));
    }

    @Override
    public String toString() {
        return (tick.isZero() ? "frozen clock at " : "clock ticking " + tick + " a read, at ") + now.get();
    }
}

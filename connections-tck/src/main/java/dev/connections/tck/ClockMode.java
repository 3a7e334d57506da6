package dev.connections.tck;

import java.time.Duration;
import java.time.Instant;

/**
 * The two ways a {@link MutableClock} behaves between moves, for tests that run once with each (e.g. with JUnit's
 * {@code @ParameterizedClass @EnumSource(ClockMode.class)}): a bug that reads the clock twice for one decision
 * hides under {@link #FROZEN} and shows under {@link #TICKING}.
 */
public enum ClockMode {
    /** Shows the same time until the test moves it. */
    FROZEN,
    /** Also moves forward by one millisecond on every read, as a real clock does between two reads. */
    TICKING;

    /** @return a clock in this mode, first showing {@code start} */
    public MutableClock startingAt(Instant start) {
        return this == FROZEN ? new MutableClock(start) : MutableClock.ticking(start, Duration.ofMillis(1));
    }
}

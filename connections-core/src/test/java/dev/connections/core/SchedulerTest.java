package dev.connections.core;

import dev.connections.tck.ClockMode;
import org.junit.jupiter.api.Nested;

/** The scheduler's cases ({@link SchedulerCases}) with each kind of test clock. */
class SchedulerTest {

    @Nested
    class FrozenClock extends SchedulerCases {
        FrozenClock() {
            super(ClockMode.FROZEN);
        }
    }

    @Nested
    class TickingClock extends SchedulerCases {
        TickingClock() {
            super(ClockMode.TICKING);
        }
    }
}

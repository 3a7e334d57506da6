package dev.connections.jdbc;

import dev.connections.tck.ClockMode;
import org.junit.jupiter.api.Nested;

/** Two instances on one PostgreSQL ({@link TwoInstancesCases}) with each kind of test clock. */
class TwoInstancesTest {

    @Nested
    class FrozenClock extends TwoInstancesCases {
        FrozenClock() {
            super(ClockMode.FROZEN);
        }
    }

    @Nested
    class TickingClock extends TwoInstancesCases {
        TickingClock() {
            super(ClockMode.TICKING);
        }
    }
}

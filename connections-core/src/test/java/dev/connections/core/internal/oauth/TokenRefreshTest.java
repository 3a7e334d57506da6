package dev.connections.core.internal.oauth;

import dev.connections.tck.ClockMode;
import org.junit.jupiter.api.Nested;

/** The token cases ({@link TokenRefreshCases}) with each kind of test clock. */
class TokenRefreshTest {

    @Nested
    class FrozenClock extends TokenRefreshCases {
        FrozenClock() {
            super(ClockMode.FROZEN);
        }
    }

    @Nested
    class TickingClock extends TokenRefreshCases {
        TickingClock() {
            super(ClockMode.TICKING);
        }
    }
}

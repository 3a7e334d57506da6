package dev.connections.core.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** The HTTP support behind {@link ServiceHttp#standalone}, made on first use and kept for the life of the JVM. */
final class Standalone {

    static final HttpSupport SUPPORT = new HttpSupport(Duration.ofMinutes(5), Map.of(), Sleeper.SYSTEM,
            Clock.systemUTC());

    private Standalone() {
    }
}

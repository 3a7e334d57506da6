package dev.connections.core.internal.http;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.connections.api.ConnectionId;
import dev.connections.http.ServiceHttp;
import dev.connections.tck.TestConnectorContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Guarantee 7: one budget of concurrent requests per connection, shared by all its sessions. */
class BudgetTest {

    @StartStop
    final MockWebServer server = new MockWebServer();

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpSupport support = new HttpSupport(Duration.ofSeconds(30), Map.of(), d -> { },
            Clock.systemUTC());
    private final ExecutorService threads = Executors.newFixedThreadPool(12);

    @AfterEach
    void tearDown() {
        release.countDown();
        threads.shutdownNow();
        support.close();
    }

    /** Answers each request once the test releases them, counting how many are in flight meanwhile. */
    private Dispatcher holdingUntilReleased() {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    release.await(10, TimeUnit.SECONDS);
                    return new MockResponse.Builder().body("ok").build();
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        };
    }

    @Test
    void sessionsOfOneConnectionNeverExceedItsBudgetTogether() throws Exception {
        server.setDispatcher(holdingUntilReleased());
        ServiceHttp.Policy policy = ServiceHttp.Policy.DEFAULT.withMaxConcurrentPerConnection(3);
        ConnectionId connection = ConnectionId.of("c-budget");
        List<ServiceHttp> sessions = List.of(
                support.forSession(new TestConnectorContext(connection, Map.of(), Clock.systemUTC()), policy),
                support.forSession(new TestConnectorContext(connection, Map.of(), Clock.systemUTC()), policy));

        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ServiceHttp http = sessions.get(i % 2);
            calls.add(CompletableFuture.supplyAsync(() -> {
                try (Response r = http.send(new Request.Builder().url(server.url("/data")).build())) {
                    return r.code();
                }
            }, threads));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight.get() == 3);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> inFlight.get() == 3);
        release.countDown();

        for (CompletableFuture<Integer> call : calls) {
            assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo(200);
        }
        assertThat(maxInFlight.get()).isEqualTo(3);
        assertThat(server.getRequestCount()).isEqualTo(12);
    }

    @Test
    void anotherConnectionHasABudgetOfItsOwn() throws Exception {
        server.setDispatcher(holdingUntilReleased());
        ServiceHttp.Policy policy = ServiceHttp.Policy.DEFAULT.withMaxConcurrentPerConnection(1);
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (String id : List.of("c-a", "c-b")) {
            ServiceHttp http = support.forSession(new TestConnectorContext(ConnectionId.of(id), Map.of(),
                    Clock.systemUTC()), policy);
            calls.add(CompletableFuture.supplyAsync(() -> {
                try (Response r = http.send(new Request.Builder().url(server.url("/data")).build())) {
                    return r.code();
                }
            }, threads));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight.get() == 2);
        release.countDown();
        for (CompletableFuture<Integer> call : calls) {
            assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo(200);
        }
    }
}

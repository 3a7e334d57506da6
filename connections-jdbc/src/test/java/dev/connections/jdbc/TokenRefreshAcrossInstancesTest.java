package dev.connections.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.connections.api.AuthorizationRequest;
import dev.connections.api.Connection;
import dev.connections.api.ConnectionId;
import dev.connections.api.ConnectionStatus;
import dev.connections.api.ConnectionsEvent;
import dev.connections.api.Principal;
import dev.connections.api.SourceObject;
import dev.connections.core.Connections;
import dev.connections.core.internal.SecretBox;
import dev.connections.core.internal.oauth.OAuthSupport;
import dev.connections.spi.storage.Storage;
import dev.connections.tck.ForwardingStorage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two hosts on one storage refresh a connection's rotating OAuth tokens: one token request for the cluster, whose
 * tokens every caller on either host uses, and a refused grant that the owner's reauthorization on the other host
 * ends. The token endpoint is a real HTTP server that rotates refresh tokens (a used one is refused with
 * {@code invalid_grant}, as QuickBooks does) and holds its first refresh answer until a second refresh request arrives
 * (or a second passed), so that two hosts that both refresh are both seen.
 */
class TokenRefreshAcrossInstancesTest {

    private static final Principal PAM = Principal.of("pam");
    private static final byte[] KEY = new byte[32];
    private static final URI REDIRECT = URI.create("https://host.example/oauth/callback");
    private static final int THREADS_PER_INSTANCE = 25;

    /** Each host with its own storage object and pool on one PostgreSQL schema. */
    @Nested
    @ExtendWith(EmbeddedPostgresExtension.class)
    class OnPostgreSql extends Cases {
        private final String schema = EmbeddedPostgresExtension.freshSchema();
        private JdbcStorage inspection;

        @Override
        Storage hostStorage() {
            return JdbcStorage.of(EmbeddedPostgresExtension.dataSource(), schema);
        }

        @Override
        Storage inspection() {
            if (inspection == null) {
                inspection = JdbcStorage.of(EmbeddedPostgresExtension.dataSource(), schema);
            }
            return inspection;
        }

        @AfterEach
        void closeInspection() {
            if (inspection != null) {
                inspection.close();
            }
        }
    }

    /** Both hosts in one JVM on one in-memory storage, which stays open when one of them closes. */
    @Nested
    class InMemory extends Cases {
        private final Storage shared = Connections.inMemoryStorage();

        @Override
        Storage hostStorage() {
            return new ForwardingStorage(shared) {
                @Override
                public void close() {
                }
            };
        }

        @Override
        Storage inspection() {
            return shared;
        }
    }

    abstract static class Cases {
        private final RotatingTokenService service = new RotatingTokenService();
        private final List<String> usedTokens = new CopyOnWriteArrayList<>();
        private final List<ConnectionsEvent> events = new CopyOnWriteArrayList<>();

        /** @return a new storage object on the storage both hosts share, for one host, which closes it */
        abstract Storage hostStorage();

        /** @return a storage object on the shared storage, to read what the hosts stored */
        abstract Storage inspection();

        @AfterEach
        void stopTokenService() {
            service.close();
        }

        @Test
        void twoInstancesOfTwentyFiveThreadsRefreshAnExpiredRotatingTokenWithOneRequest() throws Exception {
            try (Connections a = instance("a"); Connections b = instance("b")) {
                ConnectionId id = connect(a);
                ExecutorService threads = Executors.newFixedThreadPool(2 * THREADS_PER_INSTANCE);
                try {
                    CyclicBarrier together = new CyclicBarrier(2 * THREADS_PER_INSTANCE);
                    List<Future<List<SourceObject>>> calls = new ArrayList<>();
                    for (int i = 0; i < 2 * THREADS_PER_INSTANCE; i++) {
                        Connections host = i % 2 == 0 ? a : b;
                        calls.add(threads.submit(() -> {
                            together.await(30, TimeUnit.SECONDS);
                            return host.connections().objects(PAM, id);
                        }));
                    }
                    for (Future<List<SourceObject>> call : calls) {
                        call.get(60, TimeUnit.SECONDS);
                    }
                } finally {
                    threads.shutdownNow();
                }

                assertThat(service.refreshRequests.get()).isEqualTo(1);
                assertThat(usedTokens).hasSize(2 * THREADS_PER_INSTANCE)
                        .containsOnly(service.newestAccessToken());
                assertThat(storedRefreshToken(id)).isEqualTo(service.newestRefreshToken());
                assertThat(a.connections().get(PAM, id).status()).isEqualTo(ConnectionStatus.ACTIVE);
            }
        }

        @Test
        void aGrantRefusedOnOneInstanceAndReauthorizedOnTheOtherWorksAgainOnTheFirst() {
            try (Connections a = instance("a"); Connections b = instance("b")) {
                ConnectionId id = connect(a);
                service.revokeGrant();

                assertThatThrownBy(() -> b.connections().objects(PAM, id)).hasMessageContaining("invalid_grant");
                assertThat(a.connections().get(PAM, id).status()).isEqualTo(ConnectionStatus.NEEDS_REAUTHORIZATION);

                AuthorizationRequest again = a.connections().reauthorize(PAM, id);
                a.connections().completeAuthorization(PAM, Map.of("code", "code-2", "state", again.state()));
                usedTokens.clear();

                b.connections().objects(PAM, id);

                assertThat(usedTokens).containsExactly(service.newestAccessToken());
                assertThat(storedRefreshToken(id)).isEqualTo(service.newestRefreshToken());
                assertThat(b.connections().get(PAM, id).status()).isEqualTo(ConnectionStatus.ACTIVE);
                assertThat(events.stream().filter(e -> e instanceof ConnectionsEvent.ConnectionStatusChanged c
                        && c.to() == ConnectionStatus.NEEDS_REAUTHORIZATION)).hasSize(1);
            }
        }

        /** Authorizes a connection on {@code host}; its first access token is expiring already. */
        private ConnectionId connect(Connections host) {
            AuthorizationRequest request = host.connections().authorize(PAM, StandInOAuthConnector.ID, "Acme");
            Connection made = host.connections().completeAuthorization(PAM,
                    Map.of("code", "code-1", "state", request.state()));
            return made.id();
        }

        private String storedRefreshToken(ConnectionId id) {
            byte[] sealed = inspection().connections().get(id).orElseThrow().secrets();
            return new SecretBox(new SecretKeySpec(KEY, "AES")).open(id.value(), sealed)
                    .get(OAuthSupport.SECRET_PREFIX + "refresh_token");
        }

        private Connections instance(String name) {
            return Connections.builder()
                    .storage(hostStorage())
                    .secretKey(KEY)
                    .connector(new StandInOAuthConnector(service.base(), usedTokens))
                    .oauthClient(StandInOAuthConnector.ID, "client-1", "client-secret-1")
                    .redirectUri(REDIRECT)
                    .listener(events::add)
                    .discoverConnectors(false)
                    .externalScheduler()
                    .instanceId(name)
                    .build();
        }
    }

    /**
     * A token endpoint that grants every code (an access token that expires in 30 s, so the SDK refreshes it at once)
     * and rotates refresh tokens: only the newest refreshes, once.
     */
    private static final class RotatingTokenService implements AutoCloseable {
        final AtomicInteger refreshRequests = new AtomicInteger();
        private final CountDownLatch twoRefreshes = new CountDownLatch(2);
        private final ExecutorService handlers = Executors.newCachedThreadPool();
        private final HttpServer server;
        private int issued;
        private String validRefresh;

        RotatingTokenService() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(handlers);
            server.createContext("/token", this::token);
            server.start();
        }

        URI base() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        synchronized String newestAccessToken() {
            return "access-" + issued;
        }

        synchronized String newestRefreshToken() {
            return "refresh-" + issued;
        }

        /** The user removed the app's access: no refresh token works until the next code is granted. */
        synchronized void revokeGrant() {
            validRefresh = null;
        }

        private void token(HttpExchange exchange) throws IOException {
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            if ("refresh_token".equals(form.get("grant_type"))) {
                refreshRequests.incrementAndGet();
                twoRefreshes.countDown();
                try {
                    twoRefreshes.await(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String body = answer(form);
            int status = body.contains("\"error\"") ? 400 : 200;
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        private synchronized String answer(Map<String, String> form) {
            boolean refresh = "refresh_token".equals(form.get("grant_type"));
            if (refresh && (validRefresh == null || !validRefresh.equals(form.get("refresh_token")))) {
                return "{\"error\":\"invalid_grant\",\"error_description\":\"The refresh token is not valid\"}";
            }
            issued++;
            validRefresh = "refresh-" + issued;
            return "{\"access_token\":\"access-" + issued + "\",\"refresh_token\":\"" + validRefresh + "\","
                    + "\"token_type\":\"Bearer\",\"expires_in\":" + (refresh ? 3600 : 30) + "}";
        }

        private static Map<String, String> form(String body) {
            return Arrays.stream(body.split("&")).map(p -> p.split("=", 2)).filter(p -> p.length == 2)
                    .collect(Collectors.toMap(p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                            p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8), (x, y) -> y));
        }

        @Override
        public void close() {
            server.stop(0);
            handlers.shutdownNow();
        }
    }
}

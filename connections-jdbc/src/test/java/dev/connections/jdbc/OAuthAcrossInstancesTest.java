package dev.connections.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.connections.api.AuthorizationRequest;
import dev.connections.api.Connection;
import dev.connections.api.ConnectionsException;
import dev.connections.api.Principal;
import dev.connections.core.Connections;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two hosts behind a load balancer, each a {@link Connections} with its own storage object and pool on one
 * PostgreSQL schema: the user's browser comes back from the service to whichever of them, so an authorization
 * started on one completes on the other, and only once.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class OAuthAcrossInstancesTest {

    private static final Principal PAM = Principal.of("pam");
    private static final byte[] KEY = new byte[32];
    private static final URI REDIRECT = URI.create("https://host.example/oauth/callback");

    private final String schema = EmbeddedPostgresExtension.freshSchema();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final HttpServer tokens = tokenEndpoint();

    @AfterEach
    void stopTokenEndpoint() {
        tokens.stop(0);
    }

    @Test
    void anAuthorizationStartedOnOneInstanceCompletesOnTheOtherAndOnlyOnce() {
        try (Connections a = instance("a"); Connections b = instance("b")) {
            AuthorizationRequest request = a.connections().authorize(PAM, StandInOAuthConnector.ID, "Acme");
            Map<String, String> callback = Map.of("code", "code-1", "state", request.state());

            Connection made = b.connections().completeAuthorization(PAM, callback);

            assertThat(made.name()).isEqualTo("Acme");
            assertThat(a.connections().get(PAM, made.id()).account()).isEqualTo("acct-1");
            assertThatThrownBy(() -> a.connections().completeAuthorization(PAM, callback))
                    .hasMessageContaining("unknown or was already completed")
                    .satisfies(e -> assertThat(((ConnectionsException) e).reason())
                            .isEqualTo(ConnectionsException.Reason.INVALID_INPUT));
            assertThat(a.connections().list(PAM)).hasSize(1);
            assertThat(tokenRequests.get()).isEqualTo(1);
        }
    }

    /** One host: its own storage object and pool on the shared schema, the same secret key as the other. */
    private Connections instance(String name) {
        return Connections.builder()
                .storage(JdbcStorage.of(EmbeddedPostgresExtension.dataSource(), schema))
                .secretKey(KEY)
                .connector(new StandInOAuthConnector(URI.create("http://127.0.0.1:" + tokens.getAddress().getPort()),
                        new CopyOnWriteArrayList<>()))
                .oauthClient(StandInOAuthConnector.ID, "client-1", "client-secret-1")
                .redirectUri(REDIRECT)
                .discoverConnectors(false)
                .externalScheduler()
                .instanceId(name)
                .build();
    }

    /** A token endpoint on a real HTTP server that grants every code: one access and one refresh token. */
    private HttpServer tokenEndpoint() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/token", exchange -> {
                tokenRequests.incrementAndGet();
                exchange.getRequestBody().readAllBytes();
                byte[] body = ("{\"access_token\":\"access-" + tokenRequests.get() + "\",\"refresh_token\":"
                        + "\"refresh-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

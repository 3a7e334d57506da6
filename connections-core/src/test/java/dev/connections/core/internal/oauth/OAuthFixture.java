package dev.connections.core.internal.oauth;

import dev.connections.api.AuthorizationRequest;
import dev.connections.api.Connection;
import dev.connections.api.ConnectionId;
import dev.connections.api.ConnectionsEvent;
import dev.connections.api.Principal;
import dev.connections.core.Connections;
import dev.connections.core.internal.SecretBox;
import dev.connections.core.internal.memory.InMemoryStorage;
import dev.connections.http.ServiceHttp;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.OAuthSpec;
import dev.connections.spi.storage.StoredConnection;
import dev.connections.tck.ClockMode;
import dev.connections.tck.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import javax.crypto.SecretKey;

/**
 * An SDK with the {@link OAuthTestConnector} on a {@link FakeOAuthService}, a hand-moved clock, a sleeper that records
 * its waits (and moves the clock), the events it raised and the storage, readable with the key.
 */
final class OAuthFixture implements AutoCloseable {

    static final Principal PAM = Principal.of("pam");
    static final Principal JIM = Principal.of("jim");
    static final URI REDIRECT = URI.create("https://host.example/oauth/callback");

    final FakeOAuthService service;
    final MutableClock clock;
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final List<ConnectionsEvent> events = new CopyOnWriteArrayList<>();
    final InMemoryStorage storage = new InMemoryStorage();
    final SecretKey key = SecretBox.newKey();
    final Connections sdk;

    OAuthFixture() {
        this(ClockMode.FROZEN);
    }

    OAuthFixture(ClockMode mode) {
        this(mode, OAuthSpec.ClientAuthentication.FORM, OAuthSpec.RevocationBody.FORM,
                ConnectorDescriptor.AccountPolicy.MANY_PER_ACCOUNT, UnaryOperator.identity());
    }

    OAuthFixture(OAuthSpec.ClientAuthentication auth, OAuthSpec.RevocationBody revocation,
                 ConnectorDescriptor.AccountPolicy accountPolicy, UnaryOperator<Connections.Builder> more) {
        this(ClockMode.FROZEN, auth, revocation, accountPolicy, more);
    }

    OAuthFixture(ClockMode mode, OAuthSpec.ClientAuthentication auth, OAuthSpec.RevocationBody revocation,
                 ConnectorDescriptor.AccountPolicy accountPolicy, UnaryOperator<Connections.Builder> more) {
        clock = mode.startingAt(Instant.parse("2026-03-28T10:00:00Z"));
        service = new FakeOAuthService(auth, revocation);
        Connections.Builder builder = Connections.builder()
                .connector(new OAuthTestConnector(service, accountPolicy, ServiceHttp.Policy.DEFAULT))
                .connector(new FolderConnector())
                .oauthClient(OAuthTestConnector.ID, FakeOAuthService.CLIENT_ID, FakeOAuthService.CLIENT_SECRET)
                .redirectUri(REDIRECT).storage(storage).secretKey(key).clock(clock).listener(events::add)
                .sleeper(d -> {
                    waits.add(d);
                    clock.advance(d);
                })
                .discoverConnectors(false).externalScheduler();
        sdk = more.apply(builder).build();
    }

    /** Authorizes a new connection to {@code account} as {@code owner}, the user allowing access. */
    Connection connect(Principal owner, String name, String account) {
        AuthorizationRequest request = sdk.connections().authorize(owner, OAuthTestConnector.ID, name);
        return sdk.connections().completeAuthorization(owner, service.approve(request.authorizationUrl(), account));
    }

    StoredConnection stored(ConnectionId id) {
        return storage.connections().get(id).orElseThrow();
    }

    /** @return the connection's secrets as stored, decrypted with the SDK's key */
    Map<String, String> secrets(ConnectionId id) {
        return new SecretBox(key).open(id.value(), stored(id).secrets());
    }

    @Override
    public void close() {
        sdk.close();
        service.close();
    }
}

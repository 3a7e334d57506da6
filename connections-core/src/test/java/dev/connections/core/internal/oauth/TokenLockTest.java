package dev.connections.core.internal.oauth;

import static dev.connections.core.internal.oauth.OAuthFixture.PAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.connections.api.Connection;
import dev.connections.api.ConnectionId;
import dev.connections.core.internal.SealedSecrets;
import dev.connections.core.internal.SecretBox;
import dev.connections.core.internal.http.HttpSupport;
import dev.connections.http.ServiceHttp;
import dev.connections.http.Sleeper;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.storage.Lease;
import dev.connections.tck.ClockMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One refresh across SDK instances: while another instance holds a connection's token lock (a storage lease), a
 * caller waits for the tokens it stores and uses them without a token request; a holder that died frees the lock
 * when its lease runs out; the wait is bounded. The other instance is played by the test, through the storage; the
 * waiter is injected and moves the clock.
 */
class TokenLockTest {

    @Nested
    class FrozenClock extends Cases {
        FrozenClock() {
            super(ClockMode.FROZEN);
        }
    }

    @Nested
    class TickingClock extends Cases {
        TickingClock() {
            super(ClockMode.TICKING);
        }
    }

    abstract static class Cases {
        private final OAuthFixture f;
        private final HttpSupport http;
        private final List<Duration> waits = new CopyOnWriteArrayList<>();
        private Runnable onWait = () -> { };
        private ConnectionId id;
        private ConnectionTokens tokens;
        private Tokens initial;

        Cases(ClockMode mode) {
            f = new OAuthFixture(mode);
            http = new HttpSupport(Duration.ofSeconds(10), Map.of(), d -> { }, f.clock);
            f.service.rotateRefreshTokens = true;
            Connection c = f.connect(PAM, "Acme", "realm-1");
            id = c.id();
            initial = Tokens.fromSecrets(f.secrets(id));
            Sleeper waiter = d -> {
                waits.add(d);
                f.clock.advance(d);
                onWait.run();
            };
            TokenEndpoint endpoint = new TokenEndpoint(OAuthTestConnector.ID, new OAuthTestConnector(f.service,
                    ConnectorDescriptor.AccountPolicy.MANY_PER_ACCOUNT, ServiceHttp.Policy.DEFAULT).oauth(Map.of()),
                    new OAuthClient(FakeOAuthService.CLIENT_ID, FakeOAuthService.CLIENT_SECRET),
                    http.unmetered(ServiceHttp.Policy.DEFAULT), http.unmetered(ServiceHttp.Policy.DEFAULT), List.of(),
                    f.clock);
            SealedSecretsVault vault = new SealedSecretsVault(f, id);
            tokens = new ConnectionTokens(initial, vault, endpoint, f.clock, waiter);
            f.service.expireAccessTokens();
        }

        @AfterEach
        void tearDown() {
            http.close();
            f.close();
        }

        /** Another instance takes the connection's token lock, as it does to refresh. */
        private Lease otherInstanceLocks(Duration ttl) {
            return f.storage.tryLease("token:" + id.value(), "instance-b", f.clock.instant(), ttl).orElseThrow();
        }

        @Test
        void whileAnotherInstanceRefreshesACallerWaitsAndUsesItsStoredTokensWithoutARequest() {
            int requestsBefore = f.service.tokenRequests.get();
            Lease theirs = otherInstanceLocks(ConnectionTokens.LOCK_TTL);
            Tokens refreshedByB = new Tokens("at-from-instance-b", "rt-from-instance-b",
                    f.clock.instant().plus(Duration.ofHours(1)));
            onWait = () -> {
                if (waits.size() == 2) {
                    SealedSecretsVault b = new SealedSecretsVault(f, id);
                    b.save(refreshedByB, b.load());
                    theirs.close();
                }
            };

            String access = tokens.refreshAfterRejection(initial.access());

            assertThat(access).isEqualTo("at-from-instance-b");
            assertThat(f.service.tokenRequests.get()).isEqualTo(requestsBefore);
            assertThat(waits).containsExactly(ConnectionTokens.FIRST_PAUSE,
                    ConnectionTokens.FIRST_PAUSE.multipliedBy(2));
            assertThat(Tokens.fromSecrets(f.secrets(id))).isEqualTo(refreshedByB);
        }

        @Test
        void aHolderThatDiedFreesTheLockWhenItsLeaseRunsOut() {
            int requestsBefore = f.service.tokenRequests.get();
            otherInstanceLocks(ConnectionTokens.LOCK_TTL);

            String access = tokens.refreshAfterRejection(initial.access());

            assertThat(access).isEqualTo(f.service.latestAccessToken());
            assertThat(f.service.tokenRequests.get()).isEqualTo(requestsBefore + 1);
            // a ticking clock also moves a millisecond on each of the few hundred reads meanwhile
            assertThat(waits.stream().reduce(Duration.ZERO, Duration::plus))
                    .isGreaterThan(ConnectionTokens.LOCK_TTL.minusSeconds(1))
                    .isLessThan(ConnectionTokens.MAX_WAIT);
            assertThat(f.secrets(id)).containsEntry(Tokens.REFRESH, f.service.latestRefreshToken());
        }

        @Test
        void aCallerWaitsForAnotherInstanceNoLongerThanMaxWait() {
            int requestsBefore = f.service.tokenRequests.get();
            otherInstanceLocks(Duration.ofDays(1));

            ConnectorException failed = catchThrowableOfType(ConnectorException.class,
                    () -> tokens.refreshAfterRejection(initial.access()));

            assertThat(failed.kind()).isEqualTo(ConnectorException.Kind.UNAVAILABLE);
            assertThat(failed.getMessage()).contains("Another SDK instance has been refreshing");
            assertThat(waits.stream().reduce(Duration.ZERO, Duration::plus))
                    .isGreaterThanOrEqualTo(ConnectionTokens.MAX_WAIT)
                    .isLessThan(ConnectionTokens.MAX_WAIT.plus(ConnectionTokens.MAX_PAUSE));
            assertThat(f.service.tokenRequests.get()).isEqualTo(requestsBefore);
            assertThat(Tokens.fromSecrets(f.secrets(id))).isEqualTo(initial);
        }
    }

    /** The connection's tokens in the fixture's storage, locked by its leases, as the SDK keeps them. */
    private static final class SealedSecretsVault implements TokenVault {
        private final ConnectionId id;
        private final SealedSecrets secrets;

        SealedSecretsVault(OAuthFixture f, ConnectionId id) {
            this.id = id;
            this.secrets = new SealedSecrets(f.storage, new SecretBox(f.key), null, "instance-a", f.clock);
        }

        @Override
        public Tokens load() {
            return secrets.read(id).map(Tokens::fromSecrets).orElse(null);
        }

        @Override
        public boolean save(Tokens tokens, Tokens from) {
            AtomicBoolean replaced = new AtomicBoolean();
            secrets.update(id, s -> {
                replaced.set(Objects.equals(Tokens.fromSecrets(s).refresh(), from.refresh()));
                if (replaced.get()) {
                    s.putAll(tokens.toSecrets());
                }
                return s;
            });
            return replaced.get();
        }

        @Override
        public void refused(String reason, Tokens from) {
            throw new AssertionError("refused: " + reason);
        }

        @Override
        public Optional<ConnectionSecrets.TokenLock> tryLock(Duration ttl) {
            return secrets.tryLockTokens(id, ttl);
        }
    }
}

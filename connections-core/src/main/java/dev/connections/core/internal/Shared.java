package dev.connections.core.internal;

import dev.connections.api.AccessPolicy;
import dev.connections.api.ConnectionId;
import dev.connections.api.ConnectionStatus;
import dev.connections.api.ConnectionsException;
import dev.connections.api.Principal;
import dev.connections.api.TableId;
import dev.connections.core.internal.http.HttpSupport;
import dev.connections.core.internal.oauth.OAuthSupport;
import dev.connections.spi.storage.Lease;
import dev.connections.spi.storage.Storage;
import dev.connections.spi.storage.StoredConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * What the parts of one SDK instance share: storage, connectors, clock, events, policy, secrets and the runtimes of
 * HTTP, OAuth and the schedule. Not an engine: {@link RefreshEngine} runs refreshes, {@link Scheduler} starts them,
 * the services of {@code dev.connections.core} answer hosts; each takes what it needs from here. Immutable;
 * thread-safe.
 *
 * @param storage          where everything is kept
 * @param connectors       the known connectors
 * @param clock            the time source
 * @param events           the host's listeners
 * @param policy           the host's access rules
 * @param secrets          encrypts credentials
 * @param statuses         changes the status of connections, telling the listeners
 * @param instanceId       this instance, as lease holder
 * @param minimumInterval  the shortest schedule interval allowed
 * @param leaseDuration    how long a refresh lease lasts between renewals
 * @param http             the shared HTTP client, budgets and policies of connector sessions
 * @param oauth            OAuth clients, pending authorizations and the shared tokens of connections
 * @param agenda           when each table's next scheduled refresh is due
 */
public record Shared(Storage storage, ConnectorRegistry connectors, Clock clock, Events events, AccessPolicy policy,
                     SecretBox secrets, ConnectionStatuses statuses, String instanceId, Duration minimumInterval,
                     Duration leaseDuration, HttpSupport http, OAuthSupport oauth, Agenda agenda) {

    /**
     * Takes the lease that guards a table's refresh and changes of its definition. Each call holds it under a holder
     * name of its own, so two threads of one instance exclude each other as two instances do.
     *
     * @return the lease, or empty when a refresh or a change of the table holds it
     */
    public Optional<Lease> tryTableLease(TableId table) {
        return storage.tryLease("refresh:" + table.value(), instanceId + "/" + UUID.randomUUID(), clock.instant(),
                leaseDuration);
    }

    /**
     * A refusal that a refresh or a test met marks the connection for reauthorization only while it holds the grant
     * the refused work started with: not after its owner reauthorized it meanwhile (on any instance).
     *
     * @param read the connection as the refused work read it
     * @return whether the connection as stored now is ACTIVE and still holds the grant {@code read} held
     */
    public Predicate<StoredConnection> stillRefused(StoredConnection read) {
        String grant = grantOf(read);
        return latest -> latest.status() == ConnectionStatus.ACTIVE && Objects.equals(grantOf(latest), grant);
    }

    /** @return the OAuth refresh token the connection's secrets hold; null for none (or a service without OAuth) */
    private String grantOf(StoredConnection c) {
        return c.secrets() == null ? null : OAuthSupport.refreshTokenIn(secrets.open(c.id().value(), c.secrets()));
    }

    /**
     * @return the connection, if the caller owns it
     * @throws ConnectionsException NOT_FOUND, the same whether the connection does not exist or is another user's, so
     *                              that nobody learns which ids exist
     */
    public StoredConnection owned(Principal caller, ConnectionId id) {
        return storage.connections().get(id).filter(c -> c.owner().equals(caller)).orElseThrow(() ->
                ConnectionsException.notFound("You have no connection " + id + ". Use one from connections().list()."));
    }
}

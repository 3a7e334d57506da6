package dev.connections.core.internal;

import dev.connections.api.AccessPolicy;
import dev.connections.api.ConnectionId;
import dev.connections.api.ConnectionStatus;
import dev.connections.api.ConnectionsEvent;
import dev.connections.api.ConnectionsException;
import dev.connections.api.Principal;
import dev.connections.api.TableId;
import dev.connections.core.internal.http.HttpSupport;
import dev.connections.core.internal.oauth.OAuthSupport;
import dev.connections.spi.Connector;
import dev.connections.spi.SettingSpec;
import dev.connections.spi.storage.Lease;
import dev.connections.spi.storage.StoredConnection;
import dev.connections.spi.storage.Storage;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the services of one SDK instance share: storage, connectors, clock, events, policy and secrets.
 * Immutable; thread-safe.
 *
 * @param storage          where everything is kept
 * @param connectors       the known connectors
 * @param clock            the time source
 * @param events           the host's listeners
 * @param policy           the host's access rules
 * @param secrets          encrypts credentials
 * @param instanceId       this instance, as lease holder
 * @param minimumInterval  the shortest schedule interval allowed
 * @param leaseDuration    how long a refresh lease lasts between renewals
 * @param http             the shared HTTP client, budgets and policies of connector sessions
 * @param oauth            OAuth clients, pending authorizations and the shared tokens of connections
 * @param agenda           when each table's next scheduled refresh is due
 */
public record Engine(Storage storage, ConnectorRegistry connectors, Clock clock, Events events, AccessPolicy policy,
                     SecretBox secrets, String instanceId, Duration minimumInterval, Duration leaseDuration,
                     HttpSupport http, OAuthSupport oauth, Agenda agenda) {

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
     * @return the connection, if the caller owns it
     * @throws ConnectionsException NOT_FOUND, the same whether the connection does not exist or is another user's, so
     *                              that nobody learns which ids exist
     */
    public StoredConnection owned(Principal caller, ConnectionId id) {
        return storage.connections().get(id).filter(c -> c.owner().equals(caller)).orElseThrow(() ->
                ConnectionsException.notFound("You have no connection " + id + ". Use one from connections().list()."));
    }

    /**
     * Every setting of a connection, secrets decrypted and defaults applied: what a connector session gets. OAuth
     * tokens are not settings: sessions get them from {@code context.oauth()}.
     */
    public Map<String, String> allSettings(StoredConnection c, Connector connector) {
        Map<String, String> all = new LinkedHashMap<>();
        for (SettingSpec spec : connector.descriptor().settings()) {
            if (spec.defaultValue() != null) {
                all.put(spec.key(), spec.defaultValue());
            }
        }
        all.putAll(c.settings());
        secrets.open(c.id().value(), c.secrets()).forEach((k, v) -> {
            if (!k.startsWith(OAuthSupport.SECRET_PREFIX)) {
                all.put(k, v);
            }
        });
        return all;
    }

    /**
     * Stores a new status and tells the listeners; does nothing when it is unchanged. The connection is read again
     * from storage first, so that what changed since {@code c} was read (a refreshed token) is kept.
     *
     * @return the connection as stored now
     */
    public StoredConnection changeStatus(StoredConnection c, ConnectionStatus to, String reason) {
        StoredConnection latest = storage.connections().get(c.id()).orElse(c);
        String kept = to == ConnectionStatus.ACTIVE ? null : reason;
        if (latest.status() == to && java.util.Objects.equals(latest.statusReason(), kept)) {
            return latest;
        }
        StoredConnection changed = latest.withStatus(to, kept);
        storage.connections().update(changed);
        events.publish(new ConnectionsEvent.ConnectionStatusChanged(c.id(), latest.status(), to, reason,
                clock.instant()));
        return changed;
    }
}

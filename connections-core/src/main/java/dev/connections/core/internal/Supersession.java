package dev.connections.core.internal;

import dev.connections.api.ConnectionStatus;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.storage.StoredConnection;

/**
 * One active connection per account, for services that demand it: a connection that becomes active on an account
 * supersedes every other active connection to that account, whoever owns it.
 */
public final class Supersession {

    private Supersession() {
    }

    public static void apply(Shared shared, StoredConnection winner) {
        ConnectorDescriptor d = shared.connectors().get(winner.service()).descriptor();
        if (d.accountPolicy() != ConnectorDescriptor.AccountPolicy.ONE_ACTIVE_PER_ACCOUNT || winner.account() == null) {
            return;
        }
        for (StoredConnection other : shared.storage().connections().byAccount(winner.service(), winner.account())) {
            if (!other.id().equals(winner.id()) && other.status() == ConnectionStatus.ACTIVE) {
                // decided again on the connection as stored now
                shared.statuses().changeFrom(other.id(), ConnectionStatus.ACTIVE, ConnectionStatus.SUPERSEDED,
                        "superseded by the connection '" + winner.name() + "' of " + winner.owner()
                                + " to the same account (" + d.displayName() + " allows one active connection per "
                                + "account)");
            }
        }
    }
}

package dev.connections.core.internal;

import dev.connections.api.ConnectionsEvent;
import dev.connections.api.ConnectionsListener;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers events to the host's listeners; a failing listener is logged and does not stop the others. */
public final class Events {

    private static final Logger LOG = LoggerFactory.getLogger(Events.class);

    private final List<ConnectionsListener> listeners;

    public Events(List<ConnectionsListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    public void publish(ConnectionsEvent event) {
        for (ConnectionsListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("A listener failed on {}: {}", event.getClass().getSimpleName(), e.toString());
            }
        }
    }
}

package dev.connections.api;

/**
 * Receives {@link ConnectionsEvent}s. Called on the thread that does the work (a refresh thread, the caller's
 * thread); implementations MUST be thread-safe and should return quickly. An exception thrown by a listener is
 * logged and otherwise ignored.
 */
@FunctionalInterface
public interface ConnectionsListener {

    /**
     * Takes one event.
     *
     * @param event what happened
     */
    void onEvent(ConnectionsEvent event);
}

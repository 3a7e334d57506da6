package dev.connections.core.internal.http;

import okhttp3.Call;
import okhttp3.EventListener;

/**
 * Whether a call's request may have reached the service: set when the client starts writing the request's headers,
 * and never before, so a call that failed unmarked failed to connect and can be sent again safely, whatever its
 * method. Travels with the request as its tag; {@link #LISTENER} is the client's event listener. Thread-safe.
 */
final class SendMark {

    /** Marks the request of every call that carries a {@link SendMark}. */
    static final EventListener LISTENER = new EventListener() {
        @Override
        public void requestHeadersStart(Call call) {
            SendMark mark = call.request().tag(SendMark.class);
            if (mark != null) {
                mark.sent = true;
            }
        }
    };

    private volatile boolean sent;

    /** @return whether the request's headers began to be written: the service may have received it */
    boolean sent() {
        return sent;
    }
}

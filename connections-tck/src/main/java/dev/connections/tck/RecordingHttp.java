package dev.connections.tck;

import dev.connections.http.ServiceHttp;
import dev.connections.http.Sleeper;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Request;
import okhttp3.Response;

/** The HTTP support of a session, passed through, keeping every request the connector sent. Thread-safe. */
final class RecordingHttp implements ServiceHttp {

    private final ServiceHttp support;
    private final List<Request> sent;

    /**
     * @param support the engine's HTTP support
     * @param sent    where to add the requests, shared by the sessions of a test
     */
    RecordingHttp(ServiceHttp support, List<Request> sent) {
        this.support = support;
        this.sent = sent;
    }

    /** @return a list for {@link #RecordingHttp}'s requests, safe to share between threads */
    static List<Request> newLog() {
        return new CopyOnWriteArrayList<>();
    }

    @Override
    public Response send(Request request) {
        sent.add(request);
        return support.send(request);
    }

    @Override
    public Sleeper sleeper() {
        return support.sleeper();
    }
}

package dev.connections.core.internal.http;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * A response body that gives its request's permit back to the connection's budget when it is closed: a request is in
 * flight until its caller has read (or dropped) the response.
 */
final class PermitBody extends ResponseBody {

    /** One permit of a budget, given back once however often it is released. */
    static final class Permit {
        private final Semaphore budget;
        private final AtomicBoolean released = new AtomicBoolean();

        Permit(Semaphore budget) {
            this.budget = budget;
        }

        void release() {
            if (budget != null && released.compareAndSet(false, true)) {
                budget.release();
            }
        }
    }

    private final ResponseBody delegate;
    private final Permit permit;
    private final BufferedSource source;

    PermitBody(ResponseBody delegate, Permit permit) {
        this.delegate = delegate;
        this.permit = permit;
        this.source = Okio.buffer(new ForwardingSource(delegate.source()) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    permit.release();
                }
            }
        });
    }

    @Override
    public MediaType contentType() {
        return delegate.contentType();
    }

    @Override
    public long contentLength() {
        return delegate.contentLength();
    }

    @Override
    public BufferedSource source() {
        return source;
    }

    @Override
    public void close() {
        try {
            source.close();
        } catch (IOException e) {
            delegate.close();
        } finally {
            permit.release();
        }
    }
}

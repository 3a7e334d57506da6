package dev.connections.core.internal.http;

import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * A request body the client must not send again on its own: OkHttp repeats a request whose connection failed after
 * it was sent unless the body is one-shot, and a repeated POST (a token request) may be acted on twice. The
 * {@link RetryingServiceHttp} decides itself whether to send it again, in a new call.
 */
final class OneShotBody extends RequestBody {

    private final RequestBody delegate;

    OneShotBody(RequestBody delegate) {
        this.delegate = delegate;
    }

    @Override
    public MediaType contentType() {
        return delegate.contentType();
    }

    @Override
    public long contentLength() throws IOException {
        return delegate.contentLength();
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        delegate.writeTo(sink);
    }

    @Override
    public boolean isOneShot() {
        return true;
    }
}

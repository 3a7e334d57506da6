package dev.connections.core.internal.http;
import dev.connections.http.ServiceHttp;
import dev.connections.http.ServiceText;
import java.util.List;
import java.util.Optional;
import okhttp3.Response;

/**
 * The values of the headers that identify a request at its service (QuickBooks's {@code intuit_tid}, what the
 * service's support asks for), shown with the failures and log lines of its answers. Stateless.
 */
public final class Correlation {

    /** The longest value shown: a request id is short, a header is the service's to fill. */
    private static final int MAX_VALUE = 128;

    private Correlation() {
    }

    /**
     * @param headers  the names of the correlation headers, as {@link ServiceHttp.Policy#correlationHeaders()}
     * @param response an answer of the service
     * @return {@code "intuit_tid 1-5f0c..."} (several separated by commas), on one line; empty when the answer
     *         carries none of them
     */
    public static Optional<String> of(List<String> headers, Response response) {
        StringBuilder shown = new StringBuilder();
        for (String name : headers) {
            String value = ServiceText.oneLine(response.header(name));
            if (value != null && !value.isEmpty()) {
                shown.append(shown.length() == 0 ? "" : ", ").append(name).append(' ')
                        .append(value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE) + "...");
            }
        }
        return shown.length() == 0 ? Optional.empty() : Optional.of(shown.toString());
    }
}

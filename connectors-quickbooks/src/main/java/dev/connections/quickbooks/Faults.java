package dev.connections.quickbooks;

import com.squareup.moshi.JsonReader;
import dev.connections.http.ServiceText;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorException.Kind;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Response;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a QuickBooks error response into a {@link ConnectorException} whose message a connection's owner can act on,
 * and logs it with its {@code intuit_tid} (what Intuit support asks for). Reads both JSON envelopes (lower-case
 * {@code fault.error[]} and capitalised {@code Fault.Error[]}) and the XML body QuickBooks sends with 429 whatever was
 * asked for. Stateless.
 */
final class Faults {

    private static final Logger LOG = LoggerFactory.getLogger(Faults.class);

    /** The wait after a 429 that names none: QuickBooks's limits are per minute. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);
    static final String NOT_ADMINISTRATOR = "the QuickBooks user must be a company administrator (or the app lacks "
            + "the accounting scope)";

    private static final long MAX_BODY = 64 * 1024;
    private static final Pattern XML_CODE = Pattern.compile("<Error[^>]*\\scode=\"([^\"]*)\"");
    private static final Pattern XML_MESSAGE = Pattern.compile("<Message>(.*?)</Message>", Pattern.DOTALL);
    private static final Pattern XML_DETAIL = Pattern.compile("<Detail>(.*?)</Detail>", Pattern.DOTALL);
    private static final Pattern PLAIN_MESSAGE = Pattern.compile("message=([^;]+)");

    /**
     * What QuickBooks said.
     *
     * @param code    its error code, e.g. 3200; may be null
     * @param message its message, e.g. "Error parsing query"; may be null
     * @param detail  its detail; may be null
     */
    record Fault(String code, String message, String detail) {

        static final Fault NONE = new Fault(null, null, null);

        /** Each part on one line: it goes into log lines and history. */
        Fault {
            code = ServiceText.oneLine(code);
            message = ServiceText.oneLine(message);
            detail = ServiceText.oneLine(detail);
        }

        /** @return message and detail for people, e.g. "AuthenticationFailed: Token expired (code 3200)" */
        String text() {
            String m = message == null ? null : shortMessage(message);
            String d = detail == null || detail.equals(message) ? null : detail;
            String joined = m == null ? d : d == null ? m : m + ": " + d;
            return (joined == null ? "no details" : joined) + (code == null ? "" : " (code " + code + ")");
        }

        private static String shortMessage(String message) {
            Matcher plain = PLAIN_MESSAGE.matcher(message);
            return plain.find() ? plain.group(1).strip() : message;
        }
    }

    private Faults() {
    }

    /**
     * @param response a response that is not successful; not closed here
     * @param what     what was asked, for the message, e.g. "reading Invoice"
     */
    static ConnectorException from(Response response, String what) {
        String tid = response.header(QuickBooksConnector.INTUIT_TID, "none");
        Fault fault = parse(body(response));
        int status = response.code();
        LOG.warn("QuickBooks answered HTTP {} while {}: {} (intuit_tid {})", status, what, fault.text(), tid);
        String reference = " (QuickBooks intuit_tid " + tid + ")";
        switch (status) {
            case 401:
                return new ConnectorException(Kind.AUTHENTICATION, "QuickBooks refused the connection's credentials "
                        + "while " + what + " (" + fault.text() + "): reauthorize the connection." + reference);
            case 403:
                String why = "3100".equals(fault.code()) || "003100".equals(fault.code()) ? NOT_ADMINISTRATOR
                        : "the QuickBooks user or app lacks a permission this needs";
                return new ConnectorException(Kind.PERMISSION, "QuickBooks refused access while " + what + ": " + why
                        + ". Reauthorize the connection as a company administrator. QuickBooks said: " + fault.text()
                        + "." + reference);
            case 404:
                return new ConnectorException(Kind.NOT_FOUND, "QuickBooks found nothing while " + what + ": "
                        + fault.text() + "." + reference);
            case 429:
                Duration wait = retryAfter(response);
                return new ConnectorException(Kind.RATE_LIMITED, "QuickBooks is throttling requests to this company "
                        + "(" + fault.text() + "); the refresh can be tried again in " + wait.toSeconds()
                        + " seconds." + reference, null, wait, null);
            default:
                if (status >= 500) {
                    return new ConnectorException(Kind.UNAVAILABLE, "QuickBooks is unavailable (HTTP " + status
                            + " while " + what + ": " + fault.text() + "); try again later." + reference);
                }
                return new ConnectorException(Kind.CONFIGURATION, "QuickBooks rejected the request while " + what
                        + " (HTTP " + status + "): " + fault.text() + "." + reference);
        }
    }

    /** Reads either JSON envelope or the XML fault; {@link Fault#NONE} when the body is neither. */
    static Fault parse(String body) {
        String text = body.strip();
        if (text.startsWith("<")) {
            return new Fault(group(XML_CODE, text), group(XML_MESSAGE, text), group(XML_DETAIL, text));
        }
        if (!text.startsWith("{")) {
            return Fault.NONE;
        }
        try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text))) {
            if (!(JsonValues.read(reader) instanceof Map<?, ?> root)) {
                return Fault.NONE;
            }
            Object fault = root.containsKey("Fault") ? root.get("Fault") : root.get("fault");
            if (!(fault instanceof Map<?, ?> f)) {
                return Fault.NONE;
            }
            Object errors = f.containsKey("Error") ? f.get("Error") : f.get("error");
            if (!(errors instanceof List<?> list) || list.isEmpty() || !(list.get(0) instanceof Map<?, ?> e)) {
                return Fault.NONE;
            }
            return new Fault(string(e, "code"), string(e, "Message", "message"), string(e, "Detail", "detail"));
        } catch (IOException | RuntimeException notJson) {
            return Fault.NONE;
        }
    }

    private static String body(Response response) {
        try {
            return response.peekBody(MAX_BODY).string();
        } catch (IOException | IllegalStateException e) {
            return "";
        }
    }

    private static Duration retryAfter(Response response) {
        String header = response.header("Retry-After");
        if (header != null && header.strip().matches("\\d{1,6}")) {
            return Duration.ofSeconds(Long.parseLong(header.strip()));
        }
        return DEFAULT_RETRY_AFTER;
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1).strip() : null;
    }

    private static String string(Map<?, ?> map, String... keys) {
        for (String key : keys) {
            Object value = map.get(key);
            if (value != null) {
                return value.toString();
            }
        }
        return null;
    }
}

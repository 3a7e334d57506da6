package dev.connections.salesforce;

import com.squareup.moshi.JsonReader;
import dev.connections.http.ServiceText;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorException.Kind;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okio.Buffer;

/**
 * Turns Salesforce's error responses into {@link ConnectorException}s whose messages name the fix. Salesforce's
 * own message is always kept in them; no request header (and so no token) ever is.
 */
final class SalesforceErrors {

    /** How long a refresh that hit the daily API limit asks to wait: the allocation is a rolling 24 hours. */
    static final Duration DAILY_LIMIT_WAIT = Duration.ofHours(1);

    private static final Pattern NO_SUCH_COLUMN = Pattern.compile("No such column '([^']+)' on entity '([^']+)'");
    private static final Pattern UNSUPPORTED_TYPE = Pattern.compile("sObject type '([^']+)' is not supported");
    private static final int MAX_BODY = 16_384;

    private SalesforceErrors() {
    }

    /**
     * One error of Salesforce's JSON array body, or the OAuth endpoints' error object, each on one line: a query
     * error's caret diagram comes on lines of its own, which would become several lines of logs and history.
     */
    record Error(String errorCode, String message) {
        Error {
            errorCode = ServiceText.oneLine(errorCode);
            message = ServiceText.oneLine(message);
        }

        String text() {
            return message.strip() + " (" + errorCode + ")";
        }
    }

    /**
     * @param status     the HTTP status
     * @param body       the response body, at most its first 16 KB are read
     * @param retryAfter the Retry-After header; may be null
     * @param what       what was asked, for the message, e.g. "reading Account"
     */
    static SalesforceException of(int status, Buffer body, String retryAfter, String what) {
        Error e = parse(body, status);
        return new SalesforceException(e.errorCode(), exception(status, e, retryAfter, what));
    }

    private static ConnectorException exception(int status, Error e, String retryAfter, String what) {
        String code = e.errorCode();
        switch (code) {
            case "INVALID_SESSION_ID":
                return new ConnectorException(Kind.AUTHENTICATION, "Salesforce refused the connection's session "
                        + "while " + what + ", even after a token refresh: " + e.text() + ". Reauthorize the "
                        + "connection.");
            case "API_DISABLED_FOR_ORG":
                return new ConnectorException(Kind.PERMISSION, "Salesforce refused API access while " + what + ": "
                        + e.text() + ". Either the org's edition has no API access (API access comes with "
                        + "Enterprise, Unlimited, Developer and Performance editions, or as an add-on), or the "
                        + "connecting user lacks the \"API Enabled\" permission: ask your Salesforce admin to grant "
                        + "it in the user's profile or a permission set, then test the connection again.");
            case "REQUEST_LIMIT_EXCEEDED":
                return new ConnectorException(Kind.RATE_LIMITED, "Salesforce refused the request while " + what
                        + ": " + e.text() + ". The org has used up its daily API allocation (a rolling 24 hours, "
                        + "shared by every integration of the org); refreshes work again as it frees up, or ask "
                        + "your Salesforce admin to raise the limit.", null, DAILY_LIMIT_WAIT, null);
            case "INVALID_FIELD":
                return invalidField(e, what);
            case "INVALID_TYPE":
            case "NOT_FOUND":
                Matcher type = UNSUPPORTED_TYPE.matcher(e.message());
                String object = type.find() ? "the object '" + type.group(1) + "'" : "what the table reads";
                return new ConnectorException(Kind.NOT_FOUND, "Salesforce does not have " + object + " (any more) "
                        + "or the connecting user cannot see it, while " + what + ": " + e.text() + ". Check the "
                        + "object in Salesforce, or connect the table to another object.");
            case "MALFORMED_QUERY":
                return new ConnectorException(Kind.NOT_FOUND, "Salesforce refused the query while " + what + ": "
                        + e.text() + ". A field or object the table uses may have been renamed or deleted: update "
                        + "the table's fields.");
            case "INVALID_QUERY_LOCATOR":
                return new ConnectorException(Kind.UNAVAILABLE, "Salesforce dropped the query's cursor while "
                        + what + ": " + e.text() + ". This is usually temporary: refresh again later.");
            default:
                break;
        }
        if (status == 429) {
            return new ConnectorException(Kind.RATE_LIMITED, "Salesforce asked to slow down while " + what + ": "
                    + e.text() + ".", null, seconds(retryAfter), null);
        }
        if (status >= 500) {
            return new ConnectorException(Kind.UNAVAILABLE, "Salesforce is unavailable (HTTP " + status + ") while "
                    + what + ": " + e.text() + ". This is usually temporary: refresh again later.");
        }
        if (status == 401) {
            return new ConnectorException(Kind.AUTHENTICATION, "Salesforce refused the connection's credentials "
                    + "while " + what + ": " + e.text() + ". Reauthorize the connection.");
        }
        if (status == 403) {
            return new ConnectorException(Kind.PERMISSION, "Salesforce refused access while " + what + ": "
                    + e.text() + ". Ask your Salesforce admin for access.");
        }
        if (status == 404) {
            return new ConnectorException(Kind.NOT_FOUND, "Salesforce found nothing while " + what + ": " + e.text()
                    + ".");
        }
        return new ConnectorException(Kind.CONFIGURATION, "Salesforce refused the request while " + what + " (HTTP "
                + status + "): " + e.text() + ".");
    }

    /** A Bulk query job that ended Failed or Aborted. */
    static ConnectorException bulkJobFailed(String state, String errorMessage, String what) {
        String message = errorMessage == null ? "(no error message)" : ServiceText.oneLine(errorMessage);
        if (NO_SUCH_COLUMN.matcher(message).find()) {
            return invalidField(new Error("INVALID_FIELD", message), what);
        }
        return new ConnectorException(Kind.UNAVAILABLE, "Salesforce's Bulk API query job ended " + state + " while "
                + what + ": " + message + ". This is usually temporary: refresh again later.");
    }

    /**
     * Something of an answer passed a limit that keeps a read's memory bounded: not transient, so INVALID_DATA.
     *
     * @param where   where it was, e.g. "reading Account, Bulk results page 2, record 1,234"
     * @param part    what passed the limit, e.g. "an answer", "a value"
     * @param limit   the limit for people, e.g. "64 MiB"
     * @param setting the {@link SalesforceLimits} method that raises it
     */
    static ConnectorException tooLarge(String where, String part, String limit, String setting, Exception cause) {
        return new ConnectorException(Kind.INVALID_DATA, "Salesforce sent " + part + " larger than the limit of "
                + limit + " while " + where + "; it was not read, so that a refresh's memory stays bounded. If the "
                + "org's records really are this large, the host can raise the limit: SalesforceConnector.withLimits("
                + setting + "(...)).", where, null, cause);
    }

    /** A response that broke off or cannot be parsed: transient. */
    static ConnectorException brokenResponse(String what, Exception cause) {
        return new ConnectorException(Kind.UNAVAILABLE, "The response of Salesforce broke off or was garbled while "
                + what + " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + "). This is usually "
                + "temporary: refresh again later.", cause);
    }

    private static ConnectorException invalidField(Error e, String what) {
        Matcher column = NO_SUCH_COLUMN.matcher(e.message());
        if (column.find()) {
            return new ConnectorException(Kind.NOT_FOUND, "Salesforce has no field '" + column.group(1) + "' on '"
                    + column.group(2) + "' (any more), or the connecting user cannot see it: update the table's "
                    + "fields (the field may have been deleted or renamed), or ask your Salesforce admin for "
                    + "field-level access. Salesforce said: " + e.message().strip() + " (INVALID_FIELD)");
        }
        return new ConnectorException(Kind.NOT_FOUND, "Salesforce refused a field of the table while " + what + ": "
                + e.text() + ". Update the table's fields or its filter.");
    }

    private static Error parse(Buffer body, int status) {
        String fallback = "HTTP " + status;
        try (JsonReader in = JsonReader.of(body)) {
            in.setLenient(true);
            if (in.peek() == JsonReader.Token.BEGIN_ARRAY) {
                in.beginArray();
                if (in.hasNext() && in.peek() == JsonReader.Token.BEGIN_OBJECT) {
                    return error(in, "errorCode", "message", fallback);
                }
            } else if (in.peek() == JsonReader.Token.BEGIN_OBJECT) {
                return error(in, "error", "error_description", fallback);
            }
        } catch (IOException | RuntimeException notJson) {
            return new Error(fallback, "(no readable error body)");
        }
        return new Error(fallback, "(no error details)");
    }

    private static Error error(JsonReader in, String codeName, String messageName, String fallback)
            throws IOException {
        String code = fallback;
        String message = "";
        in.beginObject();
        while (in.hasNext()) {
            String name = in.nextName();
            if (in.peek() != JsonReader.Token.STRING) {
                in.skipValue();
            } else if (name.equals(codeName)) {
                code = in.nextString();
            } else if (name.equals(messageName)) {
                message = in.nextString();
            } else {
                in.skipValue();
            }
        }
        return new Error(code, message);
    }

    private static Duration seconds(String retryAfter) {
        try {
            return retryAfter == null ? null : Duration.ofSeconds(Long.parseLong(retryAfter.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static int maxBody() {
        return MAX_BODY;
    }
}

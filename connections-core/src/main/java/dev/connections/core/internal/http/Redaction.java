package dev.connections.core.internal.http;

import java.util.Locale;
import java.util.Set;
import okhttp3.HttpUrl;

/** Makes URLs safe to log: the values of query parameters that may hold a credential are replaced. */
final class Redaction {

    static final String REDACTED = "REDACTED";

    private static final Set<String> EXACT = Set.of("code", "key", "sig", "pwd", "pass", "state");
    private static final String[] PARTS = {"token", "secret", "password", "passwd", "signature", "verifier",
        "assertion", "credential", "session", "apikey", "api_key", "api-key", "auth"};

    private Redaction() {
    }

    /** @return the URL without user info and with sensitive query values replaced */
    static String url(HttpUrl url) {
        HttpUrl.Builder b = url.newBuilder().username("").password("").query(null);
        for (int i = 0; i < url.querySize(); i++) {
            String name = url.queryParameterName(i);
            String value = url.queryParameterValue(i);
            b.addQueryParameter(name, value != null && sensitive(name) ? REDACTED : value);
        }
        return b.build().toString();
    }

    /** @return the text with every occurrence of the raw URL replaced by its redacted form */
    static String text(String text, HttpUrl url) {
        return text == null ? null : text.replace(url.toString(), url(url));
    }

    static boolean sensitive(String parameter) {
        String name = parameter.toLowerCase(Locale.ROOT);
        if (EXACT.contains(name)) {
            return true;
        }
        for (String part : PARTS) {
            if (name.contains(part)) {
                return true;
            }
        }
        return false;
    }
}

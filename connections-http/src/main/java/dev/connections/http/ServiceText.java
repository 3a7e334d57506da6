package dev.connections.http;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a service says (an error message, a fault's detail), made fit for a log line and a refresh's history: one
 * line. Salesforce, for one, puts the query and a caret under the culprit on lines of their own
 * ({@code "\nSELECT Id, Foo__c FROM Account\n           ^\nERROR at Row:1:Column:12\nNo such column..."}); copied as
 * it is, that becomes several lines of the host's log, and a service could forge log lines that way. Stateless.
 */
public final class ServiceText {

    /** A line break or other control character, with the blanks around it. */
    private static final Pattern BREAK = Pattern.compile("\\s*[\\p{Cntrl}\\u0085\\u2028\\u2029]+\\s*");

    private ServiceText() {
    }

    /**
     * @param text what the service said; may be null
     * @return the text with each line break or control character (and the blanks around it) made one space, and
     *         stripped; null for null
     */
    public static @Nullable String oneLine(@Nullable String text) {
        return text == null ? null : BREAK.matcher(text).replaceAll(" ").strip();
    }
}

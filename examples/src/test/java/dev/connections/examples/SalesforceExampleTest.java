package dev.connections.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The Salesforce example runs on the fake Salesforce: a full refresh, then an incremental one of the changes. */
class SalesforceExampleTest {

    @Test
    void theExampleAuthorizesThroughItsCallbackRefreshesInFullThenReadsOnlyTheChanges() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SalesforceExample.runAgainstFake(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);

        assertThat(printed).contains("Connection: Pam's Salesforce connection -> org 00D000000000001EAA "
                + "(ACTIVE, Connected to Dunder Mifflin.)");
        assertThat(printed).contains("First refresh of Big accounts: SUCCEEDED FULL - added 3, updated 0, "
                + "removed 0, 3 API call(s)");
        assertThat(printed).containsPattern("Second refresh of Big accounts: SUCCEEDED INCREMENTAL - added 1, "
                + "updated 1, removed 1, 2 API call\\(s\\)");
        String afterChanges = printed.substring(printed.indexOf("Second refresh"));
        assertThat(afterChanges).contains(", Sabre, Printers, 9000000]")
                .contains(", Dunder Mifflin Stamford, Paper, 2500000]").doesNotContain("Utica");
        assertThat(printed).doesNotContain("fake-client-secret");
    }
}

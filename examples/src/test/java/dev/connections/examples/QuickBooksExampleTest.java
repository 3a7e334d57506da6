package dev.connections.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The QuickBooks example runs on the fake QuickBooks: full refreshes, then one incremental refresh per table. */
class QuickBooksExampleTest {

    @Test
    void theExampleAuthorizesRefreshesInFullThenReadsOnlyTheChangesThroughOneSharedCall() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        QuickBooksExample.runAgainstFake(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);

        assertThat(printed).contains("Connection: Pam's QBO Company A connection -> company 9341452987654321 "
                + "(ACTIVE, Connected to Sandbox Company_US_1.)");
        assertThat(printed).contains("First refresh of Customers: SUCCEEDED FULL - added 3, updated 0, "
                + "unchanged 0, removed 0, 1 API call(s)");
        assertThat(printed).contains("First refresh of Open invoices: SUCCEEDED FULL - added 2,");
        assertThat(printed).contains("Second refresh of Customers: SUCCEEDED INCREMENTAL - added 1, updated 0, "
                + "unchanged 2, removed 1, 1 API call(s)");
        assertThat(printed).contains("Second refresh of Open invoices: SUCCEEDED INCREMENTAL - added 0, updated 0, "
                + "unchanged 1, removed 1, 0 API call(s)");
        assertThat(printed).contains("[5, 1038, Bill's Windsurf Shop, 85.00, 85.00, "
                + "[{\"Amount\":85.00,\"DetailType\":\"SalesItemLineDetail\"}]]");
        assertThat(printed).doesNotContain("fake-quickbooks-secret");
    }
}

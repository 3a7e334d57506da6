package dev.connections.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartTest {

    @Test
    void secondRefreshReportsAddedUpdatedAndRemovedRecords(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            Quickstart.main(new String[] {dir.resolve("exports").toString()});
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);

        assertThat(printed).contains("First refresh:  SUCCEEDED FULL - added 4, updated 0, unchanged 0, removed 0");
        Matcher second = Pattern.compile("Second refresh: SUCCEEDED \\w+ - added (\\d+), updated (\\d+), removed (\\d+)")
                .matcher(printed);
        assertThat(second.find()).as(printed).isTrue();
        assertThat(second.group(1)).isEqualTo("2");
        assertThat(second.group(2)).isEqualTo("1");
        assertThat(second.group(3)).isEqualTo("1");
        assertThat(printed).contains("[EU, 1001, Dunder Mifflin, Scranton, 275.00");
    }
}

package dev.connections.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Locale;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * The test JVMs run under host settings far from a developer's machine, set once in the parent pom
 * ({@code hostileHostSettings} in surefire's argLine): the Pacific/Chatham zone (UTC+12:45 or +13:45), a Turkish
 * locale (where {@code "I".toLowerCase()} is a dotless i) and ISO-8859-1 as the default charset. The rest of the
 * suite proves the SDK right for such hosts only while they hold; this test fails when a pom change drops them.
 */
class HostSettingsTest {

    @Test
    void theDefaultZoneIsPacificChatham() {
        assertThat(ZoneId.systemDefault()).isEqualTo(ZoneId.of("Pacific/Chatham"));
        assertThat(TimeZone.getDefault().getID()).isEqualTo("Pacific/Chatham");
    }

    @Test
    void theDefaultLocaleIsTurkish() {
        assertThat(Locale.getDefault().getLanguage()).isEqualTo("tr");
        assertThat(Locale.getDefault().getCountry()).isEqualTo("TR");
        assertThat(Locale.getDefault(Locale.Category.FORMAT).getLanguage()).isEqualTo("tr");
        assertThat("TIME".toLowerCase()).as("the default locale lowercases I to a dotless i").isEqualTo("tıme");
    }

    @Test
    void theDefaultCharsetIsIso88591() {
        assertThat(Charset.defaultCharset()).isEqualTo(StandardCharsets.ISO_8859_1);
    }
}

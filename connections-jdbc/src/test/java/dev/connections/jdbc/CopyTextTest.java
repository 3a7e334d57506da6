package dev.connections.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Values as COPY's text format takes them, written straight into UTF-8 bytes. */
class CopyTextTest {

    @Test
    void textIsEscapedAndEncodedAsUtf8() {
        assertThat(written("a\tb\nc\rd\\e")).isEqualTo("a\\tb\\nc\\rd\\\\e");
        assertThat(written("é ✓ 東京 😀")).isEqualTo("é ✓ 東京 😀");
        // a lone surrogate cannot be encoded: '?', as String.getBytes writes it
        assertThat(written("x\uD800y\uDC00")).isEqualTo("x?y?");
        assertThat(written("")).isEmpty();
    }

    @Test
    void valuesAreWrittenAsPostgreSqlReadsThem() {
        assertThat(written(null)).isEqualTo("\\N");
        assertThat(written(0L)).isEqualTo("0");
        assertThat(written(-42L)).isEqualTo("-42");
        assertThat(written(Long.MAX_VALUE)).isEqualTo("9223372036854775807");
        assertThat(written(Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
        assertThat(written(new BigDecimal("-0.010"))).isEqualTo("-0.010");
        assertThat(written(new BigDecimal("2.5E+3"))).isEqualTo("2500");
        assertThat(written(true)).isEqualTo("t");
        assertThat(written(false)).isEqualTo("f");
        assertThat(written(LocalDate.of(7, 3, 9))).isEqualTo("0007-03-09");
        assertThat(written(LocalDate.of(10000, 1, 1))).isEqualTo(LocalDate.of(10000, 1, 1).toString());
        assertThat(written(LocalTime.of(9, 5))).isEqualTo("09:05:00");
        assertThat(written(LocalTime.of(23, 59, 59, 1000))).isEqualTo("23:59:59.000001000");
        assertThat(written(Instant.parse("2019-07-20T08:15:02Z"))).isEqualTo("2019-07-20T08:15:02Z");
        assertThat(written(Instant.parse("1969-12-31T23:59:59.5Z"))).isEqualTo("1969-12-31T23:59:59.500000000Z");
        assertThat(written(Instant.parse("+10000-01-01T00:00:00Z"))).isEqualTo("+10000-01-01T00:00:00Z");
        assertThat(written(Instant.parse("9999-12-31T23:59:59.999Z"))).isEqualTo("9999-12-31T23:59:59.999000000Z");
        assertThat(written(Instant.parse("0001-01-01T00:00:00Z"))).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(written(Instant.MAX)).isEqualTo(Instant.MAX.toString());
        assertThat(written(Instant.MIN)).isEqualTo(Instant.MIN.toString());
    }

    @Test
    void theBufferGrowsPastItsFirstSize() {
        CopyText out = new CopyText(4);
        String long_ = "x".repeat(10_000);
        out.text(long_);
        out.tab();
        out.number(123_456_789L);

        assertThat(new String(out.bytes(), 0, out.size(), StandardCharsets.UTF_8)).isEqualTo(long_ + "\t123456789");
        out.clear();
        assertThat(out.size()).isZero();
    }

    private static String written(Object value) {
        CopyText out = new CopyText(8);
        out.value(value);
        return new String(Arrays.copyOf(out.bytes(), out.size()), StandardCharsets.UTF_8);
    }
}

package dev.connections.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The stored hash of a row: the same for values the database holds equal, apart for anything else. */
class RowHashTest {

    private static final long SEED = RowHash.seed("layout");

    @Test
    void decimalsHashByValueNotByScale() {
        assertThat(hash(new BigDecimal("1.10"))).isEqualTo(hash(new BigDecimal("1.1")));
        assertThat(hash(new BigDecimal("0.000"))).isEqualTo(hash(BigDecimal.ZERO));
        assertThat(hash(new BigDecimal("123456789012345678901234.500")))
                .isEqualTo(hash(new BigDecimal("123456789012345678901234.5")));
        assertThat(hash(new BigDecimal("1.1"))).isNotEqualTo(hash(new BigDecimal("11")));
        assertThat(hash(new BigDecimal("-1.1"))).isNotEqualTo(hash(new BigDecimal("1.1")));
        // the shortest numbers that differ in their 15th significant digit, and across the two ways of hashing
        assertThat(hash(new BigDecimal("12345678901234.5"))).isNotEqualTo(hash(new BigDecimal("12345678901234.6")));
        assertThat(hash(new BigDecimal("0.000000000000001"))).isNotEqualTo(hash(new BigDecimal("0.000000000000002")));
        assertThat(hash(new BigDecimal("1234567890123456.0"))).isEqualTo(hash(new BigDecimal("1234567890123456")));
        assertThat(hash(new BigDecimal("1.100000000000000000"))).isEqualTo(hash(new BigDecimal("1.1")));
        assertThat(hash(new BigDecimal("123456789012345.60"))).isEqualTo(hash(new BigDecimal("123456789012345.6")));
        assertThat(hash(new BigDecimal("1234567890123456.7"))).isNotEqualTo(hash(new BigDecimal("1234567890123456.8")));
    }

    @Test
    void valuesThatDifferHashApart() {
        Object[][] rows = {
            {"ab", "c"}, {"a", "bc"}, {"abc", null}, {null, "abc"}, {"", ""}, {null, null},
            {1L, null}, {null, 1L}, {1L, 2L}, {2L, 1L}, {true, null}, {false, null},
            {LocalDate.ofEpochDay(1), null}, {Instant.ofEpochSecond(1), null}, {Instant.ofEpochSecond(1, 1), null},
            {LocalTime.ofNanoOfDay(1), null}, {"abcd", "efgh"}, {"abcde", "fgh"},
        };
        Set<Long> hashes = new HashSet<>();
        for (Object[] row : rows) {
            hashes.add(RowHash.of(SEED, row));
        }
        assertThat(hashes).hasSize(rows.length);
    }

    @Test
    void anotherLayoutSeedsOtherHashes() {
        Object[] row = {"k1", 1L};
        assertThat(RowHash.of(RowHash.seed("1|a"), row)).isNotEqualTo(RowHash.of(RowHash.seed("2|a"), row));
        assertThat(RowHash.of(SEED, row)).isEqualTo(RowHash.of(RowHash.seed("layout"), new Object[] {"k1", 1L}));
    }

    @Test
    void aMillionRowsDifferingInOneValueHashApart() {
        Set<Long> hashes = new HashSet<>();
        for (long i = 0; i < 1_000_000; i++) {
            hashes.add(RowHash.of(SEED, new Object[] {"customer", i, new BigDecimal(i % 1000 + ".25")}));
        }
        assertThat(hashes).hasSize(1_000_000);
    }

    private static long hash(Object value) {
        return RowHash.of(SEED, new Object[] {value});
    }
}

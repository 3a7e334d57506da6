package dev.connections.core.internal.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** The in-memory storage's encoding of rows: every value comes back as it was given. */
class RowCodecTest {

    private static final int[] FIRST = {0};

    private final RowCodec codec = new RowCodec();

    @Test
    void everyValueOfEveryFieldTypeDecodesToAnEqualValueOfTheSameClass() {
        Object[] row = {
            Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L, "", "Pam O'Brien", "Zoë 日本 \uD83D\uDE00",
            new BigDecimal("-12.30"), new BigDecimal("1E+5"), new BigDecimal("123456789012345678901234567890.5"),
            true, false, LocalDate.of(-5, 1, 1), LocalDate.of(2024, 2, 29), LocalDate.MIN, LocalDate.MAX,
            Instant.parse("2019-07-20T08:15:02.123456789Z"), Instant.ofEpochSecond(-62_000_000_000L, 7),
            LocalTime.of(23, 59, 59, 999_999_999), LocalTime.MIDNIGHT, null,
        };

        assertThat(codec.encodeKey(row, FIRST) && codec.encodeValues(row)).isTrue();
        Object[] decoded = RowCodec.decode(codec.bytes(), row.length);

        assertThat(decoded).containsExactly(row);
        for (int i = 0; i < row.length; i++) {
            if (row[i] != null) {
                assertThat(decoded[i]).isExactlyInstanceOf(row[i].getClass());
            }
        }
        assertThat(((BigDecimal) decoded[7]).scale()).isEqualTo(2);
    }

    @Test
    void aLongKeyIsKeptWhole() {
        String longKey = "k".repeat(20_000);
        Object[] row = {longKey, 1L};

        assertThat(codec.encodeKey(row, FIRST) && codec.encodeValues(row)).isTrue();
        byte[] bytes = codec.bytes();

        assertThat(RowCodec.decode(bytes, 2)).containsExactly(longKey, 1L);
        assertThat(codec.sameKey(bytes)).isTrue();
    }

    @Test
    void decimalKeysOfAnotherScaleAreTheSameKeyButNotTheSameBytes() {
        codec.encodeKey(new Object[] {new BigDecimal("12.50")}, FIRST);
        codec.encodeValues(new Object[] {new BigDecimal("12.50")});
        byte[] kept = codec.bytes();
        int hash = codec.keyHash();

        codec.encodeKey(new Object[] {new BigDecimal("12.5")}, FIRST);
        codec.encodeValues(new Object[] {new BigDecimal("12.5")});

        assertThat(codec.sameKey(kept)).isTrue();
        assertThat(codec.keyHash()).isEqualTo(hash);
        assertThat(codec.sameBytes(kept)).isFalse();
    }

    @Test
    void decimalsAtTheEdgeOfALongUnscaledValueDecodeWithTheirScale() {
        Object[] row = {
            1L, new BigDecimal("999999999999999999"), new BigDecimal("-99999999.9999999999"),
            new BigDecimal("1000000000000000000"), new BigDecimal("922337203685477580.7"),
            new BigDecimal("-9223372036854775808"), new BigDecimal("9223372036854775808"), new BigDecimal("1E+3"),
            new BigDecimal("0.000"), new BigDecimal("-0.01"),
        };

        assertThat(codec.encodeKey(row, FIRST) && codec.encodeValues(row)).isTrue();
        Object[] decoded = RowCodec.decode(codec.bytes(), row.length);

        for (int i = 1; i < row.length; i++) {
            assertThat(decoded[i]).isEqualTo(row[i]); // BigDecimal.equals compares the scale too
        }
    }

    @Test
    void consecutiveWholeNumberKeysHashToNeighbouringCellsAndRunsLandApart() {
        long base = 1_000_000L * 16;
        java.util.Set<Integer> run = new java.util.HashSet<>();
        for (int i = 0; i < 16; i++) {
            assertThat(hashOf(base + i) >>> 4).isEqualTo(hashOf(base) >>> 4);
            run.add(hashOf(base + i) & 15);
        }
        assertThat(run).hasSize(16);
        assertThat(hashOf(base + 16) >>> 4).isNotEqualTo(hashOf(base) >>> 4);
        for (int stride : new int[] {16, 1 << 20}) {
            java.util.Set<Integer> cells = new java.util.HashSet<>();
            for (long k = 0; k < 1000; k++) {
                cells.add(hashOf(k * stride) & 2047); // spread over the cells as by a random hash (about 787 of them)
            }
            assertThat(cells).hasSizeGreaterThan(700);
        }
        assertThat(hashOf(-1L)).isNotEqualTo(hashOf(1L));
    }

    private int hashOf(long key) {
        assertThat(codec.encodeKey(new Object[] {key}, FIRST)).isTrue();
        return codec.keyHash();
    }

    @Test
    void aValueOfAnotherClassDoesNotEncode() {
        assertThat(codec.encodeKey(new Object[] {1}, FIRST)).isFalse();
        assertThat(codec.encodeKey(new Object[] {1L}, FIRST)).isTrue();
        assertThat(codec.encodeValues(new Object[] {1L, new StringBuilder("x")})).isFalse();
    }
}

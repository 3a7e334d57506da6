package dev.connections.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.FieldType;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The stored keys of a refresh: found exactly, by the database's equality, beyond the room made up front. */
class KeyIndexTest {

    private static final FieldType[] TYPES = {FieldType.TEXT, FieldType.DECIMAL, FieldType.DATE, FieldType.BOOLEAN,
            FieldType.INTEGER};

    @Test
    void keysAddedBeyondTheExpectedCountAreFoundAndReadBack() {
        KeyIndex index = new KeyIndex(TYPES, 4);
        for (int i = 0; i < 5000; i++) {
            index.add(key(i), i, false);
        }

        assertThat(index.size()).isEqualTo(5000);
        for (int i = 0; i < 5000; i++) {
            int entry = index.entry(key(i));
            assertThat(entry).isEqualTo(i);
            assertThat(index.key(entry)).containsExactly(key(i));
            assertThat(index.unchanged(entry, i)).isTrue();
            assertThat(index.unchanged(entry, i + 1)).isFalse();
        }
        assertThat(index.entry(key(5000))).isEqualTo(-1);
    }

    @Test
    void decimalsEqualInValueAreOneKeyAndTextIsExact() {
        KeyIndex index = new KeyIndex(new FieldType[] {FieldType.DECIMAL, FieldType.TEXT}, 2);
        index.add(new Object[] {new BigDecimal("1.50"), "a"}, 7, false);
        index.add(new Object[] {BigDecimal.ZERO, "é"}, 8, true);

        assertThat(index.entry(new Object[] {new BigDecimal("1.5"), "a"})).isZero();
        assertThat(index.entry(new Object[] {new BigDecimal("1.500"), "A"})).isEqualTo(-1);
        assertThat(index.entry(new Object[] {new BigDecimal("0.00"), "é"})).isEqualTo(1);
        assertThat(index.entry(new Object[] {new BigDecimal("0.00"), "e\u0301"})).isEqualTo(-1);
        // a row stored without a hash matches no record, whatever its hash
        assertThat(index.unchanged(1, 0)).isFalse();
        assertThat(index.unchanged(1, 8)).isFalse();
    }

    @Test
    void wholeNumberKeysBeyondTheExpectedCountAreFoundAndReadBack() {
        KeyIndex index = new KeyIndex(new FieldType[] {FieldType.INTEGER}, 2);
        for (long i = 0; i < 5000; i++) {
            index.add(new Object[] {i * 1_000_003 - 2_500_000_000L}, i, i % 3 == 0);
        }

        for (long i = 0; i < 5000; i++) {
            int entry = index.entry(new Object[] {i * 1_000_003 - 2_500_000_000L});
            assertThat(entry).isEqualTo((int) i);
            assertThat(index.key(entry)).containsExactly(i * 1_000_003 - 2_500_000_000L);
            assertThat(index.unchanged(entry, i)).isEqualTo(i % 3 != 0);
        }
        assertThat(index.entry(new Object[] {1L})).isEqualTo(-1);
    }

    @Test
    void aKeyThatWouldGrowTheArraysPastTheBudgetIsNotAdded() {
        long budget = new KeyIndex(new FieldType[] {FieldType.TEXT}, 4).footprint() + 100;
        KeyIndex index = new KeyIndex(new FieldType[] {FieldType.TEXT}, 4, budget);

        assertThat(index.add(new Object[] {"short"}, 1, false)).isTrue();
        assertThat(index.add(new Object[] {"x".repeat(1000)}, 2, false)).isFalse();

        assertThat(index.size()).isEqualTo(1);
        assertThat(index.footprint()).isLessThanOrEqualTo(budget);
    }

    @Test
    void flagsAreKeptPerEntry() {
        KeyIndex index = new KeyIndex(new FieldType[] {FieldType.INTEGER}, 2);
        index.add(new Object[] {1L}, 1, false);
        index.add(new Object[] {2L}, 2, false);

        index.set(0, KeyIndex.SEEN);
        index.set(0, KeyIndex.SKIPPED);
        index.clear(0, KeyIndex.SKIPPED);

        assertThat(index.is(0, KeyIndex.SEEN)).isTrue();
        assertThat(index.is(0, KeyIndex.SKIPPED)).isFalse();
        assertThat(index.is(1, KeyIndex.SEEN)).isFalse();
        assertThat(index.unchanged(0, 1)).isTrue();
    }

    private static Object[] key(int i) {
        return new Object[] {"k" + i % 97, new BigDecimal(i / 97 + ".5"), LocalDate.ofEpochDay(i % 3 - 1),
                i % 2 == 0, (long) -i};
    }
}

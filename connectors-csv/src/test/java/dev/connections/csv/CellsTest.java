package dev.connections.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The number and boolean forms a cell may take, read without regular expressions. */
class CellsTest {

    @Test
    void integersHaveAnOptionalMinusAndNoLeadingZeros() {
        assertThat(Cells.integer("0")).isZero();
        assertThat(Cells.integer("-0")).isZero();
        assertThat(Cells.integer("-42")).isEqualTo(-42L);
        assertThat(Cells.integer("042")).isNull();
        assertThat(Cells.integer("-042")).isNull();
        assertThat(Cells.integer("+42")).isNull();
        assertThat(Cells.integer("-")).isNull();
        assertThat(Cells.integer("")).isNull();
        assertThat(Cells.integer("4 2")).isNull();
    }

    @Test
    void integersStopAtTheEndsOfLong() {
        assertThat(Cells.integer("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(Cells.integer("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(Cells.integer("9223372036854775808")).isNull();
        assertThat(Cells.integer("-9223372036854775809")).isNull();
        assertThat(Cells.integer("99999999999999999999")).isNull();
    }

    @Test
    void decimalsNeedDigitsOnBothSidesOfThePoint() {
        assertThat(Cells.decimal("12.50")).isEqualTo(new BigDecimal("12.50"));
        assertThat(Cells.decimal("-0.5")).isEqualTo(new BigDecimal("-0.5"));
        assertThat(Cells.decimal("7")).isEqualTo(new BigDecimal("7"));
        assertThat(Cells.decimal(".5")).isNull();
        assertThat(Cells.decimal("5.")).isNull();
        assertThat(Cells.decimal("1.2.3")).isNull();
        assertThat(Cells.decimal("01.5")).isNull();
        assertThat(Cells.decimal("1e5")).isNull();
        assertThat(Cells.decimal("-")).isNull();
    }

    @Test
    void longDecimalsKeepEveryDigit() {
        assertThat(Cells.decimal("-123456789012345678901234.000000001"))
                .isEqualTo(new BigDecimal("-123456789012345678901234.000000001"));
        assertThat(Cells.decimal("123456789.123456789")).isEqualTo(new BigDecimal("123456789.123456789"));
    }

    @Test
    void booleansAreTrueFalseYesOrNoInAnyCase() {
        assertThat(Cells.bool("true")).isTrue();
        assertThat(Cells.bool("false")).isFalse();
        assertThat(Cells.bool("no")).isFalse();
        assertThat(Cells.bool("TRUE")).isTrue();
        assertThat(Cells.bool("yeſ")).as("what equalsIgnoreCase says: ſ upper-cased is S").isTrue();
        assertThat(Cells.bool("yes")).isTrue();
        assertThat(Cells.bool("False")).isFalse();
        assertThat(Cells.bool("NO")).isFalse();
        assertThat(Cells.bool("y")).isNull();
        assertThat(Cells.bool("1")).isNull();
        assertThat(Cells.bool("nope")).isNull();
    }
}

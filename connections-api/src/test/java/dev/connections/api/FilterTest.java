package dev.connections.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilterTest {

    private static final List<SourceField> FIELDS = List.of(
            SourceField.of("name", FieldType.TEXT), SourceField.of("amount", FieldType.INTEGER),
            SourceField.of("price", FieldType.DECIMAL), SourceField.of("placed", FieldType.DATE),
            SourceField.of("paid", FieldType.BOOLEAN), SourceField.of("odd name", FieldType.TEXT));

    private static boolean matches(Filter f, Object... row) {
        return f.compile(FIELDS).test(row);
    }

    private static Object[] row(String name, Long amount, String price, String placed, Boolean paid) {
        return new Object[] {name, amount, price == null ? null : new BigDecimal(price),
                placed == null ? null : LocalDate.parse(placed), paid, null};
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "amount > 100",
        "amount >= 100 AND name = 'O''Brien'",
        "name IN ('a', 'b''c') OR price < 12.5",
        "(name = 'a' OR name = 'b') AND paid = true",
        "placed <= '2024-01-31' AND name IS NOT EMPTY",
        "`odd name` CONTAINS 'x' OR name STARTS WITH 'Mc'",
        "name IS EMPTY",
        "amount != -3"})
    void textFormParsesBackToAnEqualFilter(String text) {
        Filter f = Filter.parse(text);

        assertThat(Filter.parse(f.toString())).isEqualTo(f);
        f.compile(FIELDS);
    }

    @Test
    void emptyTextIsTheFilterThatTakesEverything() {
        assertThat(Filter.parse("  ")).isEqualTo(Filter.all());
        assertThat(Filter.all().and(Filter.field("amount").greaterThan(1))).hasToString("amount > 1");
    }

    @Test
    void comparisonsFollowTheFieldType() {
        assertThat(matches(Filter.field("amount").greaterThan(100), row("a", 101L, "1", null, null))).isTrue();
        assertThat(matches(Filter.field("amount").greaterThan(100.5), row("a", 101L, "1", null, null))).isTrue();
        assertThat(matches(Filter.field("price").atLeast("12.50"), row("a", 1L, "12.5", null, null))).isTrue();
        assertThat(matches(Filter.field("placed").lessThan("2024-02-01"),
                row("a", 1L, "1", "2024-01-31", null))).isTrue();
        assertThat(matches(Filter.field("paid").equalTo(true), row("a", 1L, "1", null, true))).isTrue();
    }

    @Test
    void textComparisonsIgnoreCase() {
        assertThat(matches(Filter.field("name").equalTo("ACME"), row("acme", 1L, "1", null, null))).isTrue();
        assertThat(matches(Filter.field("name").contains("CM"), row("acme", 1L, "1", null, null))).isTrue();
        assertThat(matches(Filter.field("name").in("x", "Acme"), row("acme", 1L, "1", null, null))).isTrue();
    }

    @Test
    void nullMatchesOnlyNotEqualAndIsEmpty() {
        Object[] blank = row(null, null, null, null, null);

        assertThat(matches(Filter.field("amount").greaterThan(1), blank)).isFalse();
        assertThat(matches(Filter.field("amount").lessThan(1), blank)).isFalse();
        assertThat(matches(Filter.field("name").notEqualTo("x"), blank)).isTrue();
        assertThat(matches(Filter.field("name").isEmpty(), blank)).isTrue();
        assertThat(matches(Filter.field("name").isEmpty(), row("  ", null, null, null, null))).isTrue();
    }

    @Test
    void andBindsTighterThanOr() {
        Filter f = Filter.parse("name = 'a' OR name = 'b' AND amount > 5");

        assertThat(matches(f, row("a", 1L, "1", null, null))).isTrue();
        assertThat(matches(f, row("b", 1L, "1", null, null))).isFalse();
    }

    @Test
    void syntaxErrorsSayWhereAndWhat() {
        assertThatThrownBy(() -> Filter.parse("amount >> 5")).hasMessageContaining("expected a value")
                .hasMessageContaining("position 9");
        assertThatThrownBy(() -> Filter.parse("name = 'open")).hasMessageContaining("unclosed quote");
        assertThatThrownBy(() -> Filter.parse("(amount > 5")).hasMessageContaining("expected ')'");
        assertThatThrownBy(() -> Filter.parse("amount 5")).hasMessageContaining("expected an operator");
    }

    @Test
    void unknownFieldIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> Filter.field("amout").greaterThan(1).compile(FIELDS))
                .isInstanceOf(ConnectionsException.class).hasMessageContaining("'amout'")
                .hasMessageContaining("amount");
    }

    @Test
    void operandOfTheWrongTypeIsRefused() {
        assertThatThrownBy(() -> Filter.field("placed").greaterThan("yesterday").compile(FIELDS))
                .hasMessageContaining("'yesterday' is not a DATE");
        assertThatThrownBy(() -> Filter.field("amount").contains("1").compile(FIELDS))
                .hasMessageContaining("needs a text field");
        assertThatThrownBy(() -> Filter.field("paid").greaterThan(true).compile(FIELDS))
                .hasMessageContaining("needs an ordered field");
    }

    @Test
    void aParsedNumberTooLargeToWriteOutIsRefusedNamingTheBounds() {
        assertThatThrownBy(() -> Filter.parse("price > 1E1000000000"))
                .isInstanceOf(ConnectionsException.class)
                .hasFieldOrPropertyWithValue("reason", ConnectionsException.Reason.INVALID_INPUT)
                .hasMessageContaining("at most 100 digits when written out in full")
                .hasMessageContaining("use a smaller number")
                .hasMessageContaining("position 9");
    }

    @Test
    void aParsedNumberWithTooManySignificantDigitsIsRefused() {
        assertThatThrownBy(() -> Filter.parse("price = 0.1234567890123456789012345678901234567890123"))
                .isInstanceOf(ConnectionsException.class)
                .hasMessageContaining("43 significant digits")
                .hasMessageContaining("at most 40 significant digits");
    }

    @Test
    void aParsedNumberOfThousandsOfCharactersIsRefusedBeforeItIsRead() {
        assertThatThrownBy(() -> Filter.parse("price = " + "9".repeat(100_000)))
                .isInstanceOf(ConnectionsException.class)
                .hasMessageContaining("written with 100000 characters");
    }

    @Test
    void numbersAtTheBoundsParseAndWriteBack() {
        String text = "price < 1E+99 AND price > -0.0000000000000000000000000000000000000000000000000000000000000000"
                + "00000000000000000000000000000000001 AND price != 1234567890123456789012345678901234567890";

        Filter f = Filter.parse(text);

        assertThat(Filter.parse(f.toString())).hasToString(f.toString());
        assertThat(f.compile(FIELDS).test(row("a", 1L, "5", null, null))).isTrue();
    }

    @Test
    void aNumberTooLargeToWriteOutIsRefusedInAFilterBuiltInCode() {
        assertThatThrownBy(() -> Filter.field("price").greaterThan(new BigDecimal("1E1000000000")))
                .isInstanceOf(ConnectionsException.class)
                .hasFieldOrPropertyWithValue("reason", ConnectionsException.Reason.INVALID_INPUT)
                .hasMessageContaining("filter on 'price'").hasMessageContaining("at most 100 digits");
        assertThatThrownBy(() -> Filter.field("price").in(1, BigInteger.TEN.pow(100_000)))
                .isInstanceOf(ConnectionsException.class).hasMessageContaining("more than 100 digits");
        assertThatThrownBy(() -> Filter.field("price").lessThan(1e300))
                .isInstanceOf(ConnectionsException.class).hasMessageContaining("at most 100 digits");
    }

    @Test
    void aNumberThatIsNotFiniteIsRefusedInAFilterBuiltInCode() {
        assertThatThrownBy(() -> Filter.field("price").equalTo(Double.NaN))
                .isInstanceOf(ConnectionsException.class).hasMessageContaining("'NaN' is not a number");
    }

    @Test
    void aTextOperandTooLargeToWriteOutAsANumberIsRefusedWhenCompiled() {
        Filter f = Filter.field("price").greaterThan("1E1000000000");

        assertThatThrownBy(() -> f.compile(FIELDS))
                .isInstanceOf(ConnectionsException.class)
                .hasFieldOrPropertyWithValue("reason", ConnectionsException.Reason.INVALID_INPUT)
                .hasMessageContaining("filter on 'price' (DECIMAL)").hasMessageContaining("at most 100 digits");
    }

    @Test
    void valuesNeverTurnTextIntoANumberTooLargeToWriteOut() {
        assertThatThrownBy(() -> Values.coerce("1E1000000000", FieldType.DECIMAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 100 digits");
        assertThatThrownBy(() -> Values.coerce(new BigDecimal("1E1000000000"), FieldType.DECIMAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 100 digits");
    }
}

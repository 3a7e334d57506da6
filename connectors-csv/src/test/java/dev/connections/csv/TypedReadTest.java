package dev.connections.csv;

import static dev.connections.csv.CsvFolderFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.connections.api.FieldType;
import dev.connections.api.Filter;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorException.Kind;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** read() delivers each value converted to the type the request gives its field, and applies the filter. */
class TypedReadTest {

    @TempDir
    Path dir;
    CsvFolderFixture folder;

    @BeforeEach
    void setUp() {
        folder = new CsvFolderFixture(dir);
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    @Test
    void valuesHaveTheJavaClassOfTheirType() {
        folder.write("f.csv", "id,name,amount,paid,placed,at\n"
                + "1,Ann,12.50,yes,2024-03-31,2024-03-31T14:05:00Z\n");
        assertThat(folder.typed("f.csv")).containsExactly(row(1L, "Ann", new BigDecimal("12.50"), true,
                LocalDate.of(2024, 3, 31), Instant.parse("2024-03-31T14:05:00Z")));
    }

    @Test
    void emptyAndBlankCellsAreNull() {
        folder.write("f.csv", "id,amount,name\n1,,\n2, ,\" \"\n3,4,x\n");
        assertThat(folder.typed("f.csv")).containsExactly(row(1L, null, null), row(2L, null, " "), row(3L, 4L, "x"));
    }

    @Test
    void fieldsComeInTheRequestsOrder() {
        folder.write("f.csv", "a,b,c\n1,2,3\n");
        assertThat(folder.read("f.csv", fields("c", FieldType.INTEGER, "a", FieldType.INTEGER), Filter.all())
                .values()).containsExactly(row(3L, 1L));
    }

    @Test
    void theRequestsTypeWinsSoAColumnFixedAsTextKeepsItsText() {
        folder.write("f.csv", "id,zip\n1,08123\n2,10115\n3,n/a\n");
        assertThat(folder.read("f.csv", fields("id", FieldType.TEXT, "zip", FieldType.TEXT), Filter.all()).values())
                .containsExactly(row("1", "08123"), row("2", "10115"), row("3", "n/a"));
    }

    @Test
    void decimalFieldTakesWholeNumbers() {
        folder.write("f.csv", "n\n5\n-2.75\n123456789012345678901.5\n");
        assertThat(folder.read("f.csv", fields("n", FieldType.DECIMAL), Filter.all()).values()).containsExactly(
                row(new BigDecimal("5")), row(new BigDecimal("-2.75")), row(new BigDecimal("123456789012345678901.5")));
    }

    @Test
    void integersReachTheEndsOfLong() {
        folder.write("f.csv", "n\n9223372036854775807\n-9223372036854775808\n");
        assertThat(folder.read("f.csv", fields("n", FieldType.INTEGER), Filter.all()).values())
                .containsExactly(row(Long.MAX_VALUE), row(Long.MIN_VALUE));
    }

    @Test
    void integerBeyondLongIsNotAnInteger() {
        folder.write("f.csv", "n\n9223372036854775808\n");
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> folder.read("f.csv", fields("n", FieldType.INTEGER), Filter.all()));
        assertThat(e.kind()).isEqualTo(Kind.INVALID_DATA);
    }

    @Test
    void booleanWordsAreRead() {
        folder.write("f.csv", "b\ntrue\nNO\nYes\nFalse\n");
        assertThat(folder.typed("f.csv")).containsExactly(row(true), row(false), row(true), row(false));
    }

    @Test
    void dayFirstDatesAreReadInTheOrderTheSampleShows() {
        folder.write("f.csv", "d\n01/02/2024\n31/12/2024\n2024-06-15\n");
        assertThat(folder.typed("f.csv")).containsExactly(row(LocalDate.of(2024, 2, 1)),
                row(LocalDate.of(2024, 12, 31)), row(LocalDate.of(2024, 6, 15)));
    }

    @Test
    void monthFirstDatesAreReadInTheOrderTheSampleShows() {
        folder.write("f.csv", "d\n01-02-2024\n12-31-2024\n");
        assertThat(folder.typed("f.csv")).containsExactly(row(LocalDate.of(2024, 1, 2)),
                row(LocalDate.of(2024, 12, 31)));
    }

    @Test
    void dateInTheOtherOrderAfterTheSampleFailsNamingTheColumnsOrder() {
        folder.write("f.csv", "d\n" + "31/12/2024\n".repeat(TypeInference.SAMPLE_ROWS) + "12/31/2024\n");
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> folder.read("f.csv", fields("d", FieldType.DATE), Filter.all()));
        assertThat(e.location()).isEqualTo("f.csv line " + (TypeInference.SAMPLE_ROWS + 2) + ", column 'd'");
        assertThat(e.getMessage()).contains("'12/31/2024' is not a DATE").contains("day-first");
    }

    @Test
    void dateWhoseOrderTheSampleDoesNotShowFails() {
        folder.write("f.csv", "d\n2024-01-05\n03/04/2024\n");
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> folder.read("f.csv", fields("d", FieldType.DATE), Filter.all()));
        assertThat(e.location()).isEqualTo("f.csv line 3, column 'd'");
        assertThat(e.getMessage()).contains("do not show whether").contains("2024-03-31");
    }

    @Test
    void dateWithATimeIsNotADate() {
        folder.write("f.csv", "d\n2024-01-05 10:00\n");
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> folder.read("f.csv", fields("d", FieldType.DATE), Filter.all()));
        assertThat(e.getMessage()).contains("without a time");
    }

    @Test
    void dateTimesWithoutOffsetAreInTheConfiguredZone() {
        folder.set("dateTimeZone", "Europe/Berlin");
        folder.write("f.csv", "t\n2024-07-01 12:00\n2024-01-01T12:00:30.5\n2024-07-01\n");
        assertThat(folder.read("f.csv", fields("t", FieldType.DATETIME), Filter.all()).values()).containsExactly(
                row(Instant.parse("2024-07-01T10:00:00Z")), row(Instant.parse("2024-01-01T11:00:30.5Z")),
                row(Instant.parse("2024-06-30T22:00:00Z")));
    }

    @Test
    void dateTimesWithoutOffsetAreUtcByDefault() {
        folder.write("f.csv", "t\n2024-07-01 12:00:00\n");
        assertThat(folder.typed("f.csv")).containsExactly(row(Instant.parse("2024-07-01T12:00:00Z")));
    }

    @Test
    void dateTimeOffsetsWinOverTheZone() {
        folder.set("dateTimeZone", "America/New_York");
        folder.write("f.csv", "t\n2024-07-01T12:00:00+02:00\n2024-07-01T12:00:00-0130\n2024-07-01T12:00Z\n");
        assertThat(folder.typed("f.csv")).containsExactly(row(Instant.parse("2024-07-01T10:00:00Z")),
                row(Instant.parse("2024-07-01T13:30:00Z")), row(Instant.parse("2024-07-01T12:00:00Z")));
    }

    @Test
    void dayFirstDateTimesAreRead() {
        folder.write("f.csv", "t\n31/03/2024 14:05\n01/04/2024 09:30:15\n");
        assertThat(folder.typed("f.csv")).containsExactly(row(Instant.parse("2024-03-31T14:05:00Z")),
                row(Instant.parse("2024-04-01T09:30:15Z")));
    }

    @Test
    void timeFieldTakesTimesOfDay() {
        folder.write("f.csv", "t\n14:05\n09:30:15.25\n");
        assertThat(folder.read("f.csv", fields("t", FieldType.TIME), Filter.all()).values())
                .containsExactly(row(LocalTime.of(14, 5)), row(LocalTime.of(9, 30, 15, 250_000_000)));
    }

    @Test
    void jsonFieldKeepsTheText() {
        folder.write("f.csv", "j\n\"{\"\"a\"\": [1, 2]}\"\n");
        assertThat(folder.read("f.csv", fields("j", FieldType.JSON), Filter.all()).values())
                .containsExactly(row("{\"a\": [1, 2]}"));
    }

    @Test
    void filterKeepsOnlyMatchingRows() {
        folder.write("f.csv", "id,amount,region\n1,50,EU\n2,150,US\n3,250,EU\n4,,EU\n");
        List<List<Object>> rows = folder.read("f.csv",
                fields("id", FieldType.INTEGER, "amount", FieldType.INTEGER, "region", FieldType.TEXT),
                Filter.field("amount").greaterThan(100).and(Filter.field("region").equalTo("eu"))).values();
        assertThat(rows).containsExactly(row(3L, 250L, "EU"));
    }

    @Test
    void filteredRowsKeepTheirLines() {
        folder.write("f.csv", "id\n1\n2\n3\n");
        assertThat(folder.read("f.csv", fields("id", FieldType.INTEGER), Filter.field("id").atLeast(2)).rows())
                .extracting(r -> r.line()).containsExactly(3L, 4L);
    }

    @Test
    void badValueFailsEvenInARowTheFilterWouldDrop() {
        folder.write("f.csv", "id,amount\n1,5\n2,lots\n");
        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> folder.read("f.csv",
                fields("id", FieldType.INTEGER, "amount", FieldType.INTEGER), Filter.field("id").equalTo(1)));
        assertThat(e.location()).isEqualTo("f.csv line 3, column 'amount'");
    }

    @Test
    void longValuesAreShortenedInMessages() {
        folder.write("f.csv", "n\n" + "x".repeat(500) + "\n");
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> folder.read("f.csv", fields("n", FieldType.INTEGER), Filter.all()));
        assertThat(e.getMessage()).contains("x".repeat(80) + "…'").doesNotContain("x".repeat(81));
    }
}

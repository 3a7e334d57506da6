package dev.connections.csv;

import static dev.connections.csv.CsvFolderFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.connections.api.FieldType;
import dev.connections.api.Filter;
import dev.connections.api.SourceField;
import dev.connections.api.SourceSchema;
import dev.connections.spi.ConnectorException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** describe() types each column from the first 20,000 rows by elimination. */
class TypeInferenceTest {

    @TempDir
    Path dir;
    CsvFolderFixture folder;

    @BeforeEach
    void setUp() {
        folder = new CsvFolderFixture(dir);
    }

    private FieldType typeOf(String... values) {
        folder.write("f.csv", "c\n" + String.join("\n", values) + "\n");
        try (var session = folder.session()) {
            return session.describe("f.csv").fields().get(0).type();
        }
    }

    @Test
    void trueAndFalseAreBoolean() {
        assertThat(typeOf("true", "FALSE", "True")).isEqualTo(FieldType.BOOLEAN);
    }

    @Test
    void yesAndNoAreBoolean() {
        assertThat(typeOf("yes", "No", "YES")).isEqualTo(FieldType.BOOLEAN);
    }

    @Test
    void mixedBooleanWordsAreBoolean() {
        assertThat(typeOf("true", "no")).isEqualTo(FieldType.BOOLEAN);
    }

    @Test
    void onesAndZerosAreIntegerNotBoolean() {
        assertThat(typeOf("1", "0", "1")).isEqualTo(FieldType.INTEGER);
    }

    @Test
    void wholeNumbersAreInteger() {
        assertThat(typeOf("42", "-7", "0", "9223372036854775807")).isEqualTo(FieldType.INTEGER);
    }

    @Test
    void leadingZerosStayText() {
        assertThat(typeOf("00123", "00124")).isEqualTo(FieldType.TEXT);
    }

    @Test
    void oneLeadingZeroAmongNumbersMakesTheColumnText() {
        assertThat(typeOf("123", "0042")).isEqualTo(FieldType.TEXT);
    }

    @Test
    void numbersWithAPointAreDecimal() {
        assertThat(typeOf("1", "2.50", "-0.125")).isEqualTo(FieldType.DECIMAL);
    }

    @Test
    void wholeNumbersBeyondLongAreDecimal() {
        assertThat(typeOf("1", "92233720368547758070")).isEqualTo(FieldType.DECIMAL);
    }

    @Test
    void groupedOrExponentNumbersAreText() {
        assertThat(typeOf("\"1,000\"", "2")).isEqualTo(FieldType.TEXT);
        assertThat(typeOf("1e5")).isEqualTo(FieldType.TEXT);
    }

    @Test
    void isoDatesAreDate() {
        assertThat(typeOf("2024-03-31", "1999-12-01")).isEqualTo(FieldType.DATE);
    }

    @Test
    void impossibleDatesAreText() {
        assertThat(typeOf("2024-02-30")).isEqualTo(FieldType.TEXT);
    }

    @Test
    void dayFirstDatesAreDateWhenADayAboveTwelveShowsTheOrder() {
        assertThat(typeOf("01/02/2024", "31/12/2024")).isEqualTo(FieldType.DATE);
    }

    @Test
    void monthFirstDatesAreDateWhenADayAboveTwelveShowsTheOrder() {
        assertThat(typeOf("01.02.2024", "12.31.2024")).isEqualTo(FieldType.DATE);
    }

    @Test
    void isoDatesAmongDayFirstDatesKeepTheColumnADate() {
        assertThat(typeOf("2024-01-05", "31/12/2024", "01/02/2024")).isEqualTo(FieldType.DATE);
    }

    @Test
    void ambiguousDatesAreText() {
        assertThat(typeOf("01/02/2024", "03/04/2024")).isEqualTo(FieldType.TEXT);
    }

    @Test
    void datesContradictingEachOtherAreText() {
        assertThat(typeOf("31/01/2024", "01/31/2024")).isEqualTo(FieldType.TEXT);
    }

    @Test
    void twoDigitYearsAreText() {
        assertThat(typeOf("31/12/24")).isEqualTo(FieldType.TEXT);
    }

    @Test
    void isoDateTimesAreDateTime() {
        assertThat(typeOf("2024-03-31T14:05:00Z", "2024-03-31 14:05", "2024-03-31T14:05:09.123+02:00"))
                .isEqualTo(FieldType.DATETIME);
    }

    @Test
    void datesMixedWithDateTimesAreDateTime() {
        assertThat(typeOf("2024-03-31", "2024-04-01T10:00")).isEqualTo(FieldType.DATETIME);
    }

    @Test
    void dayFirstDateTimesAreDateTime() {
        assertThat(typeOf("31/03/2024 14:05", "01/04/2024 09:30:00")).isEqualTo(FieldType.DATETIME);
    }

    @Test
    void impossibleTimesAreText() {
        assertThat(typeOf("2024-03-31 25:00")).isEqualTo(FieldType.TEXT);
    }

    @Test
    void anythingElseIsText() {
        assertThat(typeOf("42", "forty-two")).isEqualTo(FieldType.TEXT);
    }

    @Test
    void emptyCellsDoNotVote() {
        assertThat(typeOf("", "42", "", " ", "7")).isEqualTo(FieldType.INTEGER);
    }

    @Test
    void columnWithOnlyEmptyCellsIsText() {
        folder.write("f.csv", "a,b\n1,\n2,\n");
        try (var session = folder.session()) {
            assertThat(session.describe("f.csv").fields()).extracting(SourceField::type)
                    .containsExactly(FieldType.INTEGER, FieldType.TEXT);
        }
    }

    @Test
    void columnOfAHeaderOnlyFileIsText() {
        assertThat(typeOf()).isEqualTo(FieldType.TEXT);
    }

    @Test
    void surroundingSpacesDoNotChangeTheType() {
        assertThat(typeOf(" 42", "7 ")).isEqualTo(FieldType.INTEGER);
    }

    @Test
    void describeGivesEveryColumnInOrderAndNoNaturalKey() {
        folder.write("f.csv", "id,name,amount,paid,placed\n1,Ann,12.50,yes,2024-03-31\n");
        try (var session = folder.session()) {
            SourceSchema schema = session.describe("f.csv");
            assertThat(schema.object()).isEqualTo("f.csv");
            assertThat(schema.fields()).extracting(SourceField::name, SourceField::type).containsExactly(
                    tuple("id", FieldType.INTEGER),
                    tuple("name", FieldType.TEXT),
                    tuple("amount", FieldType.DECIMAL),
                    tuple("paid", FieldType.BOOLEAN),
                    tuple("placed", FieldType.DATE));
            assertThat(schema.naturalKey()).isEmpty();
        }
    }

    @Test
    void onlyTheFirstTwentyThousandRowsAreSampled() {
        StringBuilder content = new StringBuilder("n\n");
        for (int i = 1; i <= TypeInference.SAMPLE_ROWS; i++) {
            content.append(i).append('\n');
        }
        content.append("not a number\n");
        folder.write("f.csv", content.toString());
        try (var session = folder.session()) {
            assertThat(session.describe("f.csv").fields().get(0).type()).isEqualTo(FieldType.INTEGER);
        }
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> folder.read("f.csv", fields("n", FieldType.INTEGER), Filter.all()));
        assertThat(e.location()).isEqualTo("f.csv line " + (TypeInference.SAMPLE_ROWS + 2) + ", column 'n'");
        assertThat(e.getMessage()).contains("'not a number'");
    }
}

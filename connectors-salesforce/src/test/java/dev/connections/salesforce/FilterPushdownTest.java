package dev.connections.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.api.FieldType;
import dev.connections.api.Filter;
import dev.connections.api.ReadMode;
import dev.connections.api.SourceField;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.ReadRequest;
import dev.connections.tck.CollectingSink;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The filter reaches Salesforce as SOQL with its values escaped; what SOQL cannot say is applied locally. */
class FilterPushdownTest {

    private static final SObjectDescribe ACCOUNT = new SObjectDescribe("Account", true, List.of(
            field("Id", "id"), field("Name", "string"), field("Industry", "picklist"),
            field("AnnualRevenue", "currency"), field("NumberOfEmployees", "int"), field("Active__c", "boolean"),
            field("Founded__c", "date"), field("LastReviewed__c", "datetime"), field("Tags__c", "multipicklist"),
            new SObjectDescribe.Field("Description", "Description", "textarea", true, false)));

    private final SalesforceFixture f = SalesforceFixture.withAccounts();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void quotesAndBackslashesReachSoqlEscapedAndMatchTheRecord() {
        List<List<Object>> rows = read(Filter.field("Name").equalTo("O'Brien \\ Sons"));

        assertThat(lastSoql()).endsWith(" FROM Account WHERE Name = 'O\\'Brien \\\\ Sons'");
        assertThat(rows).extracting(r -> r.get(1)).containsExactly("O'Brien \\ Sons");
    }

    @Test
    void aValueThatTriesToEndTheStringStaysAValue() {
        List<List<Object>> rows = read(Filter.field("Name").equalTo("x' OR Name != 'y"));

        assertThat(lastSoql()).endsWith(" WHERE Name = 'x\\' OR Name != \\'y'");
        assertThat(rows).isEmpty();
    }

    @Test
    void aTrailingBackslashCannotEscapeTheClosingQuote() {
        List<List<Object>> rows = read(Filter.field("Name").equalTo("Acme\\").or(Filter.field("Industry")
                .equalTo("') OR (Name != '")));

        assertThat(lastSoql()).endsWith(" WHERE (Name = 'Acme\\\\') OR (Industry = '\\') OR (Name != \\'')");
        assertThat(rows).isEmpty();
    }

    @Test
    void containsBecomesLikeWithPercentAndUnderscoreOfTheValueEscaped() {
        f.fake.insert("Account", Map.of("Name", "50%_off"));
        f.fake.insert("Account", Map.of("Name", "50 percent off"));

        List<List<Object>> rows = read(Filter.field("Name").contains("50%_"));

        assertThat(lastSoql()).endsWith(" WHERE Name LIKE '%50\\%\\_%'");
        assertThat(rows).extracting(r -> r.get(1)).containsExactly("50%_off");
    }

    @Test
    void aConditionSoqlCannotSayIsAppliedLocallyAndTheRestIsPushed() {
        List<List<Object>> rows = read(Filter.field("AnnualRevenue").greaterThan(50)
                .and(Filter.field("Industry").isEmpty()));

        assertThat(lastSoql()).endsWith(" WHERE (AnnualRevenue > 50)");
        assertThat(rows).extracting(r -> r.get(1)).containsExactly("Globex");
    }

    @Test
    void aFieldTheTableKeepsAsTextIsNotComparedInSoql() {
        try (ConnectorSession s = f.open()) {
            List<SourceField> fields = Reads.fields(s, "Account", List.of("Id", "Name", "AnnualRevenue"));
            List<SourceField> asText = List.of(fields.get(0), fields.get(1), fields.get(2).withType(FieldType.TEXT));
            CollectingSink sink = new CollectingSink();
            s.read(new ReadRequest("Account", asText, List.of("Id"), Filter.field("AnnualRevenue").equalTo("99.50"),
                    ReadMode.FULL, null), sink);

            assertThat(lastSoql()).doesNotContain("WHERE");
            assertThat(sink.rows()).extracting(r -> r.get(2)).containsExactly("99.50");
        }
    }

    @Test
    void comparisonsOfNumbersDatesAndDatetimesArePushedWithTypedLiterals() {
        Filter filter = Filter.field("NumberOfEmployees").atLeast(100)
                .and(Filter.field("Founded__c").lessThan(LocalDate.of(2000, 1, 1)))
                .and(Filter.field("LastReviewed__c").greaterThan(Instant.parse("2024-01-01T00:00:00Z")))
                .and(Filter.field("Active__c").equalTo(true));

        FilterPushdown p = pushdown(filter);

        assertThat(p.where()).isEqualTo("(NumberOfEmployees >= 100) AND (Founded__c < 2000-01-01) AND "
                + "(LastReviewed__c > 2024-01-01T00:00:00.000Z) AND (Active__c = true)");
        assertThat(p.complete()).isTrue();
        assertThat(read(filter)).extracting(r -> r.get(1)).containsExactly("Acme");
    }

    @Test
    void notEqualsKeepsNullsAsTheFilterDoes() {
        FilterPushdown p = pushdown(Filter.field("Industry").notEqualTo("Energy"));

        assertThat(p.where()).isEqualTo("Industry != 'Energy' OR Industry = null");
        assertThat(read(Filter.field("Industry").notEqualTo("Energy"))).hasSize(3);
    }

    @Test
    void inListsAndEmptinessOfNumbersArePushed() {
        assertThat(pushdown(Filter.field("Industry").in("Energy", "Retail")).where())
                .isEqualTo("Industry IN ('Energy', 'Retail')");
        assertThat(pushdown(Filter.field("AnnualRevenue").isEmpty()).where()).isEqualTo("AnnualRevenue = null");
        assertThat(pushdown(Filter.field("AnnualRevenue").isNotEmpty()).complete()).isTrue();
        assertThat(read(Filter.field("AnnualRevenue").isEmpty())).extracting(r -> r.get(1))
                .containsExactly("Initech");
    }

    @Test
    void anOrWithAPartSoqlCannotSayIsNotPushedAtAll() {
        FilterPushdown p = pushdown(Filter.field("AnnualRevenue").greaterThan(1).or(Filter.field("Name")
                .greaterThan("M")));

        assertThat(p.where()).isEmpty();
        assertThat(p.complete()).isFalse();
    }

    @Test
    void fieldsSalesforceCannotFilterAreLeftToTheEngine() {
        assertThat(pushdown(Filter.field("Description").equalTo("x")).where()).isEmpty();
        assertThat(pushdown(Filter.field("Tags__c").equalTo("a;b")).where()).isEmpty();
        assertThat(pushdown(Filter.field("Name").startsWith("line\u0001")).where()).isEmpty();
        assertThat(pushdown(Filter.field("LastReviewed__c").lessThan(Instant.parse("2024-01-01T00:00:00.000001Z")))
                .where()).isEmpty();
    }

    @Test
    void aNumberTooLargeToWriteOutIsNeverWrittenIntoSoql() {
        FilterPushdown p = pushdown(Filter.field("AnnualRevenue").greaterThan("1E100000"));

        assertThat(p.where()).isEmpty();
        assertThat(p.complete()).isFalse();
    }

    @Test
    void isNotEmptyOnTextIsPushedAndCheckedAgainLocally() {
        FilterPushdown p = pushdown(Filter.field("Name").startsWith("Gl").and(Filter.field("Industry")
                .isNotEmpty()));

        assertThat(p.where()).isEqualTo("(Name LIKE 'Gl%') AND (Industry != null)");
        assertThat(p.complete()).isFalse();
    }

    private List<List<Object>> read(Filter filter) {
        try (ConnectorSession s = f.open()) {
            CollectingSink sink = new CollectingSink();
            s.read(Reads.full(s, "Account", List.of("Id", "Name", "AnnualRevenue", "Industry", "NumberOfEmployees",
                    "Active__c", "Founded__c", "LastReviewed__c"), filter), sink);
            return sink.rows().stream().map(r -> Arrays.asList(r.values())).toList();
        }
    }

    private String lastSoql() {
        List<String> soql = f.fake.soql().stream().filter(q -> !q.contains("COUNT()")).toList();
        return soql.get(soql.size() - 1);
    }

    private static FilterPushdown pushdown(Filter filter) {
        List<SourceField> fields = ACCOUNT.fields().stream()
                .map(d -> new SourceField(d.name(), d.label(), d.fieldType(), true, false)).toList();
        return FilterPushdown.of(filter, ACCOUNT, fields);
    }

    private static SObjectDescribe.Field field(String name, String type) {
        return new SObjectDescribe.Field(name, name, type, true, true);
    }
}

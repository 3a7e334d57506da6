package dev.connections.fakes.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake's REST and Bulk resources answer in Salesforce's shapes, and its faults switch as documented. */
class FakeSalesforceApiTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2024-03-01T10:15:00Z"));
    private final FakeSalesforce fake = FakeSalesforce.builder().clock(clock).pageSize(2).start();
    private final Client client = new Client(fake).withToken();
    private final String[] ids = new String[3];

    FakeSalesforceApiTest() {
        fake.addObject(FakeObject.of("Account", "Account", FakeField.of("Name", "string"),
                FakeField.of("AnnualRevenue", "currency"), FakeField.of("Founded__c", "date"),
                FakeField.of("BillingAddress", "address")));
        ids[0] = fake.insert("Account", Map.of("Name", "O'Brien", "AnnualRevenue", 10, "Founded__c",
                LocalDate.of(2001, 2, 3)));
        clock.advance(Duration.ofMinutes(1));
        ids[1] = fake.insert("Account", Map.of("Name", "50% off", "AnnualRevenue", new BigDecimal("2000.50")));
        clock.advance(Duration.ofMinutes(1));
        ids[2] = fake.insert("Account", Map.of("Name", "Globex", "BillingAddress", Map.of("city", "Cypress Creek")));
    }

    @AfterEach
    void close() {
        client.close();
        fake.close();
    }

    @Test
    void theVersionsListIsPublicAndCarriesNoLimitHeader() {
        Client.Answer a = new Client(fake).get("/services/data/");

        assertThat(a.code()).isEqualTo(200);
        assertThat(a.headers().get("Sforce-Limit-Info")).isNull();
        assertThat(values((List<?>) a.json(), "version")).contains("62.0");
    }

    @Test
    void apiCallsWithoutAValidTokenGetInvalidSessionId() {
        Client.Answer a = new Client(fake).api("/sobjects");

        assertThat(a.code()).isEqualTo(401);
        assertThat(a.body()).isEqualTo("[{\"message\":\"Session expired or invalid\","
                + "\"errorCode\":\"INVALID_SESSION_ID\"}]");
    }

    @Test
    void everyApiResponseCountsTowardsTheDailyUsage() {
        client.api("/sobjects");
        Client.Answer a = client.api("/limits");

        assertThat(a.headers().get("Sforce-Limit-Info")).isEqualTo("api-usage=2/15000");
        assertThat(a.object()).containsEntry("DailyApiRequests", Map.of("Max", 15000.0, "Remaining", 14998.0));
    }

    @Test
    void sobjectsAndDescribeShowTheSystemFieldsToo() {
        Map<String, Object> describe = client.api("/sobjects/Account/describe").object();

        assertThat(values((List<?>) describe.get("fields"), "name")).containsExactly("Id", "IsDeleted",
                "CreatedDate", "LastModifiedDate", "SystemModstamp", "Name", "AnnualRevenue", "Founded__c",
                "BillingAddress");
        assertThat(client.api("/sobjects/Nope__c/describe").code()).isEqualTo(404);
    }

    @Test
    void aQueryPagesThroughNextRecordsUrlWithSalesforcesRecordShape() {
        Map<String, Object> first = client.query("/query", "SELECT Id, Name, SystemModstamp, BillingAddress "
                + "FROM Account").object();

        assertThat(first).containsEntry("totalSize", 3.0).containsEntry("done", false);
        String next = (String) first.get("nextRecordsUrl");
        assertThat(next).matches("/services/data/v62.0/query/01g\\d+-2");
        Map<?, ?> record = (Map<?, ?>) ((List<?>) first.get("records")).get(0);
        assertThat(record.get("attributes")).isEqualTo(Map.of("type", "Account",
                "url", "/services/data/v62.0/sobjects/Account/" + ids[0]));
        assertThat(record.get("SystemModstamp")).isEqualTo("2024-03-01T10:15:00.000+0000");

        Map<String, Object> second = client.get(next).object();
        assertThat(second).containsEntry("done", true).doesNotContainKey("nextRecordsUrl");
        assertThat((List<?>) second.get("records")).singleElement().extracting(r -> ((Map<?, ?>) r)
                .get("BillingAddress")).isEqualTo(Map.of("city", "Cypress Creek"));
        assertThat(client.get(next).code()).isEqualTo(400);
    }

    @Test
    void whereClausesCompareWithSoqlsRules() {
        assertThat(names("SELECT Name FROM Account WHERE Name = 'o\\'brien'")).containsExactly("O'Brien");
        assertThat(names("SELECT Name FROM Account WHERE Name LIKE '%0\\% %'")).containsExactly("50% off");
        assertThat(names("SELECT Name FROM Account WHERE Name LIKE '5_%'")).containsExactly("50% off");
        assertThat(names("SELECT Name FROM Account WHERE AnnualRevenue > 100 OR AnnualRevenue = null"))
                .containsExactly("50% off", "Globex");
        assertThat(names("SELECT Name FROM Account WHERE (AnnualRevenue != 10) AND (NOT Name IN ('Globex'))"))
                .containsExactly("50% off");
        assertThat(names("SELECT Name FROM Account WHERE Founded__c < 2002-01-01")).containsExactly("O'Brien");
        assertThat(names("SELECT Name FROM Account WHERE SystemModstamp >= 2024-03-01T11:16:00+01:00"))
                .containsExactly("50% off", "Globex");
        assertThat(names("SELECT Name FROM Account ORDER BY AnnualRevenue DESC NULLS LAST LIMIT 2"))
                .containsExactly("50% off", "O'Brien");
        Map<String, Object> count = client.query("/query", "SELECT COUNT() FROM Account WHERE Name != 'Globex'")
                .object();
        assertThat(count).containsEntry("totalSize", 2.0).containsEntry("records", List.of());
    }

    @Test
    void queriesSalesforceWouldRefuseAreRefusedWithItsErrorCodes() {
        assertThat(error("SELECT Name FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'"))
                .containsEntry("errorCode", "MALFORMED_QUERY");
        assertThat(error("SELECT Name FROM Account WHERE AnnualRevenue = '10'"))
                .containsEntry("errorCode", "INVALID_FIELD");
        assertThat((String) error("SELECT Nope__c FROM Account").get("message"))
                .contains("No such column 'Nope__c' on entity 'Account'");
        assertThat(error("SELECT Id FROM Nope__c")).containsEntry("errorCode", "INVALID_TYPE");
        assertThat(error("SELECT Id FROM Account WHERE BillingAddress = null"))
                .containsEntry("errorCode", "INVALID_FIELD");
        assertThat(error("SELECT Id FROM Account WHERE Name = 'unterminated"))
                .containsEntry("errorCode", "MALFORMED_QUERY");
    }

    @Test
    void queryAllAlsoShowsDeletedRecordsAndDeletedListsThemWithinTheWindow() {
        clock.advance(Duration.ofMinutes(5));
        fake.delete("Account", ids[0]);
        clock.advance(Duration.ofSeconds(90));

        assertThat(names("SELECT Name FROM Account")).doesNotContain("O'Brien");
        Map<String, Object> all = client.query("/queryAll", "SELECT Name, IsDeleted FROM Account "
                + "WHERE IsDeleted = true").object();
        assertThat((List<?>) all.get("records")).singleElement().extracting(r -> ((Map<?, ?>) r).get("Name"))
                .isEqualTo("O'Brien");

        Map<String, Object> deleted = client.api("/sobjects/Account/deleted/?start=2024-03-01T10:00:00%2B00:00"
                + "&end=2024-03-02T10:00:00%2B00:00").object();
        assertThat((List<?>) deleted.get("deletedRecords")).singleElement().isEqualTo(Map.of("id", ids[0],
                "deletedDate", "2024-03-01T10:22:00.000+0000"));
        assertThat(deleted).containsEntry("earliestDateAvailable", "2024-03-01T10:15:00.000+0000")
                .containsEntry("latestDateCovered", "2024-03-01T10:23:00.000+0000");

        clock.advance(Duration.ofDays(16));
        Map<String, Object> later = client.api("/sobjects/Account/deleted/?start=2024-03-01T10:00:00%2B00:00"
                + "&end=2024-03-20T10:00:00%2B00:00").object();
        assertThat((List<?>) later.get("deletedRecords")).isEmpty();
        assertThat(later).containsEntry("earliestDateAvailable", "2024-03-02T10:23:00.000+0000");
        clock.advance(Duration.ofDays(30));
        assertThat(client.api("/sobjects/Account/deleted/?start=2024-03-01T10:00:00%2B00:00"
                + "&end=2024-04-20T10:00:00%2B00:00").code()).isEqualTo(400);
    }

    @Test
    void aBulkQueryJobCompletesAndPagesItsCsvResultsByLocator() {
        Map<String, Object> job = client.postJson("/jobs/query", "{\"operation\":\"query\",\"query\":"
                + "\"SELECT Id, Name, AnnualRevenue, SystemModstamp FROM Account\"}").object();
        assertThat(job).containsEntry("state", "UploadComplete").containsEntry("object", "Account");
        String id = (String) job.get("id");

        assertThat(client.api("/jobs/query/" + id).object()).containsEntry("state", "JobComplete")
                .containsEntry("numberRecordsProcessed", 3.0);
        Client.Answer first = client.api("/jobs/query/" + id + "/results?maxRecords=2");
        assertThat(first.headers().get("Sforce-NumberOfRecords")).isEqualTo("2");
        assertThat(first.body()).isEqualTo("\"Id\",\"Name\",\"AnnualRevenue\",\"SystemModstamp\"\n"
                + "\"" + ids[0] + "\",\"O'Brien\",\"10\",\"2024-03-01T10:15:00.000Z\"\n"
                + "\"" + ids[1] + "\",\"50% off\",\"2000.50\",\"2024-03-01T10:16:00.000Z\"\n");
        Client.Answer last = client.api("/jobs/query/" + id + "/results?maxRecords=2&locator="
                + first.headers().get("Sforce-Locator"));
        assertThat(last.body()).endsWith("\"Globex\",,\"2024-03-01T10:17:00.000Z\"\n");
        assertThat(last.headers().get("Sforce-Locator")).isEqualTo("null");
    }

    @Test
    void bulkRefusesCompoundFields() {
        Client.Answer a = client.postJson("/jobs/query", "{\"operation\":\"query\",\"query\":"
                + "\"SELECT Id, BillingAddress FROM Account\"}");

        assertThat(a.code()).isEqualTo(400);
        assertThat(a.body()).contains("compound data not supported in Bulk Query");
    }

    @Test
    void faultsSwitchOnAndOff() {
        fake.faults().unavailable(1);
        assertThat(client.api("/sobjects").code()).isEqualTo(503);
        assertThat(client.api("/sobjects").code()).isEqualTo(200);

        fake.faults().apiDisabled(true);
        assertThat(client.api("/sobjects").body()).contains("API_DISABLED_FOR_ORG");
        fake.faults().clear().dailyLimitExceeded(true);
        assertThat(client.api("/sobjects").body()).contains("REQUEST_LIMIT_EXCEEDED");
        fake.faults().clear();

        String whole = client.api("/sobjects").body();
        fake.faults().cutOffBodies(1);
        assertThat(client.api("/sobjects").body()).isEqualTo(whole.substring(0, whole.length() / 2));

        fake.faults().expireAccessTokens();
        assertThat(client.api("/sobjects").code()).isEqualTo(401);
    }

    @Test
    void aRemovedFieldIsGoneFromDescribeAndQueries() {
        fake.removeField("Account", "AnnualRevenue");

        assertThat(client.api("/sobjects/Account/describe").body()).doesNotContain("AnnualRevenue");
        assertThat(error("SELECT AnnualRevenue FROM Account")).containsEntry("errorCode", "INVALID_FIELD");
    }

    @Test
    void countersTellRequestsByPathAndTheSoqlReceived() {
        fake.resetCounters();
        client.query("/query", "SELECT Id FROM Account");

        assertThat(fake.requests("/services/data/v62.0/query")).isEqualTo(1);
        assertThat(fake.soql()).containsExactly("SELECT Id FROM Account");
    }

    private List<Object> names(String soql) {
        Map<String, Object> page = client.query("/query", soql).object();
        assertThat(page).as(soql).containsKey("records");
        List<Object> names = new ArrayList<>();
        ((List<?>) page.get("records")).forEach(r -> names.add(((Map<?, ?>) r).get("Name")));
        Object next = page.get("nextRecordsUrl");
        while (next != null) {
            Map<String, Object> more = client.get((String) next).object();
            ((List<?>) more.get("records")).forEach(r -> names.add(((Map<?, ?>) r).get("Name")));
            next = more.get("nextRecordsUrl");
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> error(String soql) {
        Client.Answer a = client.query("/query", soql);
        assertThat(a.code()).as(soql).isEqualTo(400);
        return (Map<String, Object>) ((List<?>) a.json()).get(0);
    }

    private static List<Object> values(List<?> objects, String key) {
        List<Object> values = new ArrayList<>();
        objects.forEach(o -> values.add(((Map<?, ?>) o).get(key)));
        return values;
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

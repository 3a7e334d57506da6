package dev.connections.csv;

import dev.connections.api.Filter;
import dev.connections.tck.ConnectorContract;
import dev.connections.tck.ConnectorSubject;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The CSV connector passes the TCK's connector contract on a folder with an orders file of every inferred type. */
class CsvConnectorContractTest extends ConnectorContract {

    private static final List<String> FIELDS = List.of("id", "customer", "amount", "paid", "placed", "updated");

    @TempDir
    Path root;

    /** @return the folder "exports" in root, which the connector allows */
    private CsvFolderFixture exports() {
        return new CsvFolderFixture(root.resolve("exports"));
    }

    @BeforeEach
    void writeFolder() {
        exports().write("orders.csv", "id,customer,amount,paid,placed,updated,note\r\n"
                + "1,Ann,12.50,yes,2024-03-31,2024-03-31T14:05:00Z,\r\n"
                + "2,\"Bob, Jr.\",150,no,2024-04-01,2024-04-01 09:00,\"said \"\"hi\"\"\"\r\n"
                + "3,Cy,999.99,true,2024-04-02,2024-04-02T10:30:00+02:00,\"two\r\nlines\"\r\n"
                + "4,,0.5,,,,\r\n");
        exports().write("archive/2023.csv", "id\n1\n");
    }

    @Override
    protected ConnectorSubject<?> subject() {
        return exports().subject().withKnownObject("orders.csv", FIELDS).withRefreshKey(List.of("id"));
    }

    @Override
    protected List<Map<String, Object>> expectedRecords() {
        return List.of(
                record(1L, "Ann", new BigDecimal("12.50"), true, LocalDate.of(2024, 3, 31),
                        Instant.parse("2024-03-31T14:05:00Z")),
                record(2L, "Bob, Jr.", new BigDecimal("150"), false, LocalDate.of(2024, 4, 1),
                        Instant.parse("2024-04-01T09:00:00Z")),
                record(3L, "Cy", new BigDecimal("999.99"), true, LocalDate.of(2024, 4, 2),
                        Instant.parse("2024-04-02T08:30:00Z")),
                record(4L, null, new BigDecimal("0.5"), null, null, null));
    }

    @Override
    protected Filter selectiveFilter() {
        return Filter.field("amount").greaterThan(100);
    }

    private static Map<String, Object> record(Object... values) {
        Map<String, Object> record = new HashMap<>();
        for (int i = 0; i < FIELDS.size(); i++) {
            record.put(FIELDS.get(i), values[i]);
        }
        return record;
    }
}

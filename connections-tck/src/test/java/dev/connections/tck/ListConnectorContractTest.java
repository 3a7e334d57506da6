package dev.connections.tck;

import dev.connections.api.Filter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The connector contract holds for a connector written to the letter of the SPI. */
class ListConnectorContractTest extends ConnectorContract {

    @Override
    protected ConnectorSubject<?> subject() {
        return ListConnector.subject(new ListConnector());
    }

    @Override
    protected List<Map<String, Object>> expectedRecords() {
        List<Map<String, Object>> records = new ArrayList<>();
        for (Object[] values : ListConnector.RECORDS) {
            Map<String, Object> record = new HashMap<>();
            for (int i = 0; i < values.length; i++) {
                record.put(ListConnector.FIELDS.get(i).name(), values[i]);
            }
            records.add(record);
        }
        return records;
    }

    @Override
    protected Filter selectiveFilter() {
        return Filter.parse("amount > 0 AND customer IS NOT EMPTY");
    }
}

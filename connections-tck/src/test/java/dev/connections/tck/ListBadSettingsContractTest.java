package dev.connections.tck;

import dev.connections.spi.Connector;
import java.util.List;
import java.util.Map;

/** The bad settings contract holds for a connector that checks its settings when it opens a session. */
class ListBadSettingsContractTest extends BadSettingsContract {

    @Override
    protected Connector connector() {
        return new ListConnector();
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("token", "secret-token");
    }

    @Override
    protected List<BadSettings> badSettings() {
        return List.of(BadSettings.of("a page size that is not a number", with("page", "lots")),
                BadSettings.of("a page size of 0", with("page", "0")));
    }
}

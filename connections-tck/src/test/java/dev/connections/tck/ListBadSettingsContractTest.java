package dev.connections.tck;

import java.util.List;

/** The bad settings contract holds for a connector that checks its settings when it opens a session. */
class ListBadSettingsContractTest extends BadSettingsContract {

    @Override
    protected ConnectorSubject<?> subject() {
        return ListConnector.subject(new ListConnector());
    }

    @Override
    protected List<BadSettings> badSettings() {
        return List.of(BadSettings.of("a page size that is not a number", with("page", "lots")),
                BadSettings.of("a page size of 0", with("page", "0")));
    }
}

package dev.connections.core.internal.oauth;

import dev.connections.api.SourceObject;
import dev.connections.api.SourceSchema;
import dev.connections.spi.Account;
import dev.connections.spi.Connector;
import dev.connections.spi.ConnectorContext;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.ReadRequest;
import dev.connections.spi.ReadResult;
import dev.connections.spi.RecordSink;
import dev.connections.spi.SettingSpec;
import java.util.List;
import java.util.Set;

/** A connector without OAuth, like the CSV folder: its connections are made from settings alone. */
final class FolderConnector implements Connector {

    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor("folder", "Folder", ConnectorDescriptor.AuthKind.NONE,
                List.of(SettingSpec.required("folder", "Folder", "a folder")), Set.of(),
                ConnectorDescriptor.AccountPolicy.MANY_PER_ACCOUNT);
    }

    @Override
    public ConnectorSession open(ConnectorContext context) {
        return new ConnectorSession() {
            @Override
            public Account test() {
                return new Account(context.settings().get("folder"), null);
            }

            @Override
            public List<SourceObject> objects() {
                return List.of();
            }

            @Override
            public SourceSchema describe(String object) {
                throw new UnsupportedOperationException("a folder without files");
            }

            @Override
            public ReadResult read(ReadRequest request, RecordSink sink) {
                throw new UnsupportedOperationException("a folder without files");
            }

            @Override
            public void close() {
            }
        };
    }
}

package dev.connections.jdbc;

import dev.connections.api.SourceObject;
import dev.connections.api.SourceSchema;
import dev.connections.spi.Account;
import dev.connections.spi.ConnectorContext;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.OAuthConnector;
import dev.connections.spi.OAuthSpec;
import dev.connections.spi.ReadRequest;
import dev.connections.spi.ReadResult;
import dev.connections.spi.RecordSink;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An OAuth connector whose only real part is the service's token endpoint (at {@code base}): its sessions reach one
 * account and read nothing, and listing objects takes an access token as a real call would, recording it.
 */
final class StandInOAuthConnector implements OAuthConnector {
    static final String ID = "stand-in";

    private final URI base;
    private final List<String> usedTokens;

    StandInOAuthConnector(URI base, List<String> usedTokens) {
        this.base = base;
        this.usedTokens = usedTokens;
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor(ID, "Stand-in OAuth service", ConnectorDescriptor.AuthKind.OAUTH2, List.of(),
                Set.of(), ConnectorDescriptor.AccountPolicy.MANY_PER_ACCOUNT);
    }

    @Override
    public OAuthSpec oauth(Map<String, String> settings) {
        return new OAuthSpec(base.resolve("/authorize"), base.resolve("/token"), null, List.of("read"),
                OAuthSpec.ClientAuthentication.FORM, OAuthSpec.RevocationBody.FORM, Map.of());
    }

    @Override
    public Map<String, String> authorizedSettings(Map<String, String> tokenResponse,
                                                  Map<String, String> callback) {
        return Map.of();
    }

    @Override
    public ConnectorSession open(ConnectorContext context) {
        return new ConnectorSession() {
            @Override
            public Account test() {
                return new Account("acct-1", "Acme");
            }

            @Override
            public List<SourceObject> objects() {
                usedTokens.add(context.oauth().orElseThrow().accessToken());
                return List.of();
            }

            @Override
            public SourceSchema describe(String object) {
                throw new UnsupportedOperationException("this test reads no object");
            }

            @Override
            public ReadResult read(ReadRequest request, RecordSink sink) {
                throw new UnsupportedOperationException("this test reads no object");
            }

            @Override
            public void close() {
            }
        };
    }
}

package dev.connections.core.internal.oauth;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.connections.api.FieldType;
import dev.connections.api.SourceField;
import dev.connections.api.SourceObject;
import dev.connections.api.SourceSchema;
import dev.connections.http.HttpPolicyProvider;
import dev.connections.http.ServiceHttp;
import dev.connections.spi.Account;
import dev.connections.spi.ConnectorContext;
import dev.connections.spi.ConnectorDescriptor;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.ConnectorSession;
import dev.connections.spi.Cursor;
import dev.connections.spi.OAuthConnector;
import dev.connections.spi.OAuthSpec;
import dev.connections.spi.ReadRequest;
import dev.connections.spi.ReadResult;
import dev.connections.spi.RecordSink;
import dev.connections.spi.Row;
import dev.connections.spi.SettingSpec;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A small OAuth connector over {@link FakeOAuthService}: every call goes through {@link ServiceHttp}, the API base
 * comes from the token response (like Salesforce's {@code instance_url}) and the account from the callback (like
 * QuickBooks' {@code realmId}).
 */
final class OAuthTestConnector implements OAuthConnector, HttpPolicyProvider {

    static final String ID = "oauthtest";

    private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);
    private static final List<SourceField> FIELDS = List.of(
            new SourceField("id", "Id", FieldType.TEXT, false, true), SourceField.of("customer", FieldType.TEXT));

    private final FakeOAuthService service;
    private final ConnectorDescriptor.AccountPolicy accountPolicy;
    private final ServiceHttp.Policy policy;

    OAuthTestConnector(FakeOAuthService service, ConnectorDescriptor.AccountPolicy accountPolicy,
                       ServiceHttp.Policy policy) {
        this.service = service;
        this.accountPolicy = accountPolicy;
        this.policy = policy;
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor(ID, "OAuth test service", ConnectorDescriptor.AuthKind.OAUTH2,
                List.of(SettingSpec.optional("region", "Region", "where the service runs", "eu")), Set.of(),
                accountPolicy);
    }

    @Override
    public ServiceHttp.Policy httpPolicy() {
        return policy;
    }

    @Override
    public OAuthSpec oauth(Map<String, String> settings) {
        return new OAuthSpec(service.base().resolve("/oauth/authorize"), service.base().resolve("/oauth/token"),
                service.base().resolve("/oauth/revoke"), List.of("read", "offline"), service.clientAuthentication,
                service.revocation, Map.of("prompt", "consent"));
    }

    @Override
    public Map<String, String> authorizedSettings(Map<String, String> tokenResponse, Map<String, String> callback) {
        Map<String, String> kept = new LinkedHashMap<>();
        kept.put("api_url", tokenResponse.get("api_url"));
        kept.put("account", callback.get("account"));
        return kept;
    }

    @Override
    public ConnectorSession open(ConnectorContext context) {
        return new Session(context);
    }

    private static final class Session implements ConnectorSession {
        private final ConnectorContext context;
        private final ServiceHttp http;

        Session(ConnectorContext context) {
            this.context = context;
            this.http = ServiceHttp.from(context);
        }

        private Object get(String path) {
            Request request = new Request.Builder().url(context.settings().get("api_url") + path).build();
            try (Response r = http.send(request)) {
                if (r.code() == 401) {
                    throw new ConnectorException(ConnectorException.Kind.AUTHENTICATION,
                            "The service refused the connection's token: reauthorize the connection.");
                }
                if (r.code() == 403) {
                    throw new ConnectorException(ConnectorException.Kind.PERMISSION,
                            "The user lacks API access; ask an administrator to grant it.");
                }
                if (!r.isSuccessful()) {
                    throw new ConnectorException(ConnectorException.Kind.UNAVAILABLE,
                            "The service answered HTTP " + r.code() + "; try again later.");
                }
                return JSON.fromJson(r.body().string());
            } catch (IOException e) {
                throw new ConnectorException(ConnectorException.Kind.UNAVAILABLE, "The answer broke off.", e);
            }
        }

        @Override
        public Account test() {
            Map<?, ?> me = (Map<?, ?>) get("api/me");
            return new Account((String) me.get("id"), (String) me.get("name"));
        }

        @Override
        public List<SourceObject> objects() {
            return List.of(new SourceObject("orders", "Orders"));
        }

        @Override
        public SourceSchema describe(String object) {
            if (!object.equals("orders")) {
                throw new ConnectorException(ConnectorException.Kind.NOT_FOUND, "There is no object '" + object + "'.");
            }
            return new SourceSchema(object, FIELDS, List.of("id"));
        }

        @Override
        public ReadResult read(ReadRequest request, RecordSink sink) {
            for (Object record : (List<?>) get("api/records/" + request.object())) {
                Map<?, ?> values = (Map<?, ?>) record;
                sink.accept(Row.of(request.fields().stream().map(f -> values.get(f.name())).toArray()));
            }
            return ReadResult.full(Cursor.of("all"));
        }

        @Override
        public void close() {
        }
    }
}

package dev.connections.core.internal.oauth;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.connections.core.internal.http.Correlation;
import dev.connections.http.BodyLimit;
import dev.connections.http.ServiceHttp;
import dev.connections.http.ServiceText;
import dev.connections.spi.ConnectorException;
import dev.connections.spi.OAuthSpec;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The token and revocation endpoints of one service, as one OAuth client: code exchange, refresh and revocation.
 * Thread-safe.
 */
final class TokenEndpoint {

    /** The token endpoint refused a code or refresh token ({@code invalid_grant}): only a new authorization helps. */
    static final class Refused extends ConnectorException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(Kind.AUTHENTICATION, message);
        }
    }

    /** How token requests are retried: one at a time, three attempts within 30 s. */
    static final ServiceHttp.Policy POLICY = new ServiceHttp.Policy(1, 3, Duration.ofSeconds(30), Duration.ofSeconds(5));
    /** The longest one attempt of a token request may take. */
    static final Duration CALL_LIMIT = Duration.ofSeconds(10);
    /**
     * The longest a token request may take: no attempt starts after the policy's elapsed time, and each ends within
     * its call limit. A connection's token lock ({@code ConnectionTokens.LOCK_TTL}) outlives it.
     */
    static final Duration REQUEST_LIMIT = POLICY.maxElapsed().plus(CALL_LIMIT);

    /**
     * The most of a token endpoint's answer that is read: a real one is well under 10 KiB (Salesforce's, with its
     * signature and identity URL, about 1 KiB).
     */
    static final long MAX_ANSWER_BYTES = 64 * 1024;

    /** Fields of a token response that are credentials: never kept as settings, never shown. */
    static final Set<String> CREDENTIALS = Set.of("access_token", "refresh_token", "id_token");

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final JsonAdapter<Map<String, Object>> OBJECT = new Moshi.Builder().build()
            .adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
    private static final JsonAdapter<Map<String, String>> TOKEN = new Moshi.Builder().build()
            .adapter(Types.newParameterizedType(Map.class, String.class, String.class));

    private final String service;
    private final OAuthSpec spec;
    private final OAuthClient client;
    private final ServiceHttp tokenHttp;
    private final ServiceHttp revokeHttp;
    private final List<String> correlationHeaders;
    private final Clock clock;

    /**
     * @param client             the SDK's client registration; null when the host gave none (every call then fails
     *                           saying so)
     * @param correlationHeaders the headers that identify a request at the service, quoted in failures
     */
    TokenEndpoint(String service, OAuthSpec spec, OAuthClient client, ServiceHttp tokenHttp, ServiceHttp revokeHttp,
                  List<String> correlationHeaders, Clock clock) {
        this.service = service;
        this.spec = spec;
        this.client = client;
        this.tokenHttp = tokenHttp;
        this.revokeHttp = revokeHttp;
        this.correlationHeaders = List.copyOf(correlationHeaders);
        this.clock = clock;
    }

    /** A token response: the tokens, and its other fields as strings (the tokens removed). */
    record Grant(Tokens tokens, Map<String, String> fields) {
    }

    Grant exchange(String code, String verifier, URI redirectUri) {
        FormBody.Builder form = new FormBody.Builder().add("grant_type", "authorization_code").add("code", code)
                .add("redirect_uri", redirectUri.toString()).add("code_verifier", verifier);
        return grant(form, null, "The authorization code was refused");
    }

    /** @return the new tokens; the old refresh token kept when the service sent no new one */
    Tokens refresh(Tokens old) {
        FormBody.Builder form = new FormBody.Builder().add("grant_type", "refresh_token")
                .add("refresh_token", old.refresh());
        return grant(form, old.refresh(), "The service refused the connection's refresh token").tokens();
    }

    /**
     * Revokes one token (RFC 7009 form, or a JSON body, as the spec says).
     *
     * @return null when revoked, else what went wrong, for the log
     */
    String revoke(String token) {
        if (spec.revocationEndpoint() == null) {
            return "the service has no revocation endpoint; its tokens stay valid until they expire";
        }
        RequestBody body;
        if (spec.revocation() == OAuthSpec.RevocationBody.JSON) {
            Map<String, String> json = new LinkedHashMap<>();
            json.put("token", token);
            if (spec.clientAuthentication() == OAuthSpec.ClientAuthentication.FORM) {
                json.put("client_id", client().clientId());
                json.put("client_secret", client().clientSecret());
            }
            body = RequestBody.create(TOKEN.toJson(json), JSON);
        } else {
            body = withClient(new FormBody.Builder().add("token", token)).build();
        }
        try (Response r = revokeHttp.send(authenticated(new Request.Builder().url(spec.revocationEndpoint().toString())
                .post(body)).build())) {
            return r.isSuccessful() ? null : "the revocation endpoint answered HTTP " + r.code()
                    + Correlation.of(correlationHeaders, r).map(ids -> " (" + ids + ")").orElse("");
        } catch (ConnectorException e) {
            return e.getMessage();
        }
    }

    private Grant grant(FormBody.Builder form, String keptRefresh, String refusal) {
        Request request = authenticated(new Request.Builder().url(spec.tokenEndpoint().toString())
                .post(withClient(form).build())).build();
        Instant now = clock.instant();
        Map<String, Object> json;
        int code;
        String ids;
        try (Response r = tokenHttp.send(request)) {
            code = r.code();
            ids = Correlation.of(correlationHeaders, r).map(shown -> " (" + shown + ")").orElse("");
            json = parse(BodyLimit.text(r.body(), MAX_ANSWER_BYTES));
        } catch (BodyLimit.ExceededException e) {
            throw new ConnectorException(ConnectorException.Kind.UNAVAILABLE, "The token endpoint of " + service
                    + " (" + spec.tokenEndpoint().getHost() + ") answered with more than "
                    + BodyLimit.describe(e.limit()) + ", far more than a token answer holds; it was not read. Check "
                    + "the connector's OAuth endpoints, or try again later.", e);
        } catch (IOException e) {
            throw new ConnectorException(ConnectorException.Kind.UNAVAILABLE, "The token endpoint of " + service
                    + " (" + spec.tokenEndpoint().getHost() + ") broke off its answer; try again.", e);
        }
        if (code / 100 != 2 || json == null || !(json.get("access_token") instanceof String)) {
            throw failure(code, json, refusal, ids);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        json.forEach((k, v) -> {
            String text = scalar(v);
            if (text != null && !CREDENTIALS.contains(k)) {
                fields.put(k, text);
            }
        });
        String refresh = json.get("refresh_token") instanceof String s && !s.isBlank() ? s : keptRefresh;
        long lifetime = seconds(json.get("expires_in"));
        Instant expiresAt = lifetime > 0 ? now.plus(Duration.ofSeconds(lifetime)) : null;
        return new Grant(new Tokens((String) json.get("access_token"), refresh, expiresAt), fields);
    }

    /** @param ids the answer's correlation headers for the message, e.g. " (intuit_tid 1-...)"; empty for none */
    private ConnectorException failure(int code, Map<String, Object> json, String refusal, String ids) {
        String error = json == null ? null : ServiceText.oneLine(scalar(json.get("error")));
        String description = json == null ? null : ServiceText.oneLine(scalar(json.get("error_description")));
        String said = error == null ? "HTTP " + code : error + (description == null ? "" : ": " + description);
        if ("invalid_grant".equals(error)) {
            return new Refused(refusal + " (" + said + "): the access was revoked or has expired. Its owner must "
                    + "reauthorize the connection." + ids);
        }
        if ("invalid_client".equals(error) || "unauthorized_client".equals(error)) {
            return new ConnectorException(ConnectorException.Kind.CONFIGURATION, "The " + service + " token endpoint "
                    + "refused this application's OAuth client (" + said + "). Check the client id and secret given "
                    + "to Connections.builder().oauthClient(\"" + service + "\", ...)." + ids);
        }
        if (code == 429 || code >= 500) {
            return new ConnectorException(ConnectorException.Kind.UNAVAILABLE, "The " + service + " token endpoint "
                    + "is unavailable (" + said + "); try again later." + ids);
        }
        if (code / 100 == 2) {
            return new ConnectorException(ConnectorException.Kind.CONFIGURATION, "The " + service + " token "
                    + "endpoint answered without an access token; check the connector's OAuth endpoints." + ids);
        }
        return new ConnectorException(ConnectorException.Kind.CONFIGURATION, "The " + service + " token endpoint "
                + "refused the request (" + said + "); check the OAuth client and the redirect URI registered with "
                + "the service." + ids);
    }

    private FormBody.Builder withClient(FormBody.Builder form) {
        if (spec.clientAuthentication() == OAuthSpec.ClientAuthentication.FORM) {
            form.add("client_id", client().clientId()).add("client_secret", client().clientSecret());
        }
        return form;
    }

    private Request.Builder authenticated(Request.Builder request) {
        request.header("Accept", "application/json");
        if (spec.clientAuthentication() == OAuthSpec.ClientAuthentication.BASIC) {
            request.header("Authorization", Credentials.basic(client().clientId(), client().clientSecret(),
                    StandardCharsets.UTF_8));
        }
        return request;
    }

    private OAuthClient client() {
        if (client == null) {
            throw new ConnectorException(ConnectorException.Kind.CONFIGURATION, "This SDK has no OAuth client for "
                    + "the service '" + service + "': call Connections.builder().oauthClient(\"" + service
                    + "\", clientId, clientSecret) with the application's registration at the service.");
        }
        return client;
    }

    private static Map<String, Object> parse(String body) {
        try {
            return body.isBlank() ? null : OBJECT.fromJson(body);
        } catch (IOException | JsonDataException e) {
            return null;
        }
    }

    /** @return a lifetime in seconds, sent as a number or a numeric string; 0 when absent or unreadable */
    private static long seconds(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s && s.strip().matches("\\d{1,12}")) {
            return Long.parseLong(s.strip());
        }
        return 0;
    }

    private static String scalar(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number n) {
            return BigDecimal.valueOf(n.doubleValue()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        return null;
    }
}

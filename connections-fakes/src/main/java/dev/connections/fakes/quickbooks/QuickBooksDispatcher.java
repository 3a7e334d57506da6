package dev.connections.fakes.quickbooks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/** Routes the fake's requests: OAuth endpoints, then the company API behind faults, authentication and rights. */
final class QuickBooksDispatcher extends Dispatcher {

    static final String SCOPE = "com.intuit.quickbooks.accounting";
    static final int CDC_LIMIT = 1000;
    static final Duration CDC_WINDOW = Duration.ofDays(30);

    private final FakeQuickBooks fake;
    private final FakeOAuth oauth;
    private final Answers answers;

    QuickBooksDispatcher(FakeQuickBooks fake, FakeOAuth oauth, Answers answers) {
        this.fake = fake;
        this.oauth = oauth;
        this.answers = answers;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        MockResponse answer = route(request);
        fake.answered(answer.getCode(), answer.getHeaders().get("intuit_tid"));
        return answer;
    }

    private MockResponse route(RecordedRequest request) throws InterruptedException {
        HttpUrl url = request.getUrl();
        String path = url.encodedPath();
        String method = request.getMethod();
        if (path.equals("/connect/oauth2") && "GET".equals(method)) {
            return authorize(url);
        }
        if (path.equals("/oauth2/v1/tokens/bearer") && "POST".equals(method)) {
            fake.tokenRequests.incrementAndGet();
            return token(request);
        }
        if (path.equals("/v2/oauth2/tokens/revoke") && "POST".equals(method)) {
            return revoke(request);
        }
        List<String> segments = url.pathSegments();
        if (segments.size() >= 4 && segments.get(0).equals("v3") && segments.get(1).equals("company")) {
            return api(request, segments.get(2), segments.subList(3, segments.size()));
        }
        return answers.fault(404, "ValidationFault", "4000", "Unsupported operation", "No resource at " + path);
    }

    // --- OAuth

    private MockResponse authorize(HttpUrl url) {
        String redirect = url.queryParameter("redirect_uri");
        String scope = url.queryParameter("scope");
        if (!fake.clientId().equals(url.queryParameter("client_id")) || redirect == null
                || !"code".equals(url.queryParameter("response_type")) || url.queryParameter("state") == null) {
            return answers.json(400, Map.of("error", "invalid_request"));
        }
        if (scope == null || !List.of(scope.split(" ")).contains(SCOPE)) {
            return answers.json(400, Map.of("error", "invalid_scope"));
        }
        String realm = fake.signedIn();
        if (realm == null) {
            return answers.json(400, Map.of("error", "access_denied", "error_description", "no company"));
        }
        String code = oauth.newCode(realm, redirect, url.queryParameter("code_challenge"));
        HttpUrl back = HttpUrl.get(redirect).newBuilder().addQueryParameter("code", code)
                .addQueryParameter("state", url.queryParameter("state")).addQueryParameter("realmId", realm).build();
        return answers.redirect(back.toString());
    }

    private MockResponse token(RecordedRequest request) {
        if (!clientAuthenticated(request)) {
            return answers.json(401, Map.of("error", "invalid_client"));
        }
        HttpUrl form = form(request);
        String grantType = form.queryParameter("grant_type");
        try {
            FakeOAuth.Issued issued;
            if ("authorization_code".equals(grantType)) {
                issued = oauth.exchange(form.queryParameter("code"), form.queryParameter("redirect_uri"),
                        form.queryParameter("code_verifier"));
            } else if ("refresh_token".equals(grantType)) {
                issued = oauth.refresh(form.queryParameter("refresh_token"));
            } else {
                return answers.json(400, Map.of("error", "unsupported_grant_type"));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("token_type", "bearer");
            body.put("expires_in", FakeOAuth.ACCESS_LIFETIME.toSeconds());
            body.put("refresh_token", issued.refreshToken());
            body.put("x_refresh_token_expires_in", oauth.remainingRefreshSeconds(issued.refreshToken()));
            body.put("access_token", issued.accessToken());
            return answers.json(200, body);
        } catch (FakeOAuth.OAuthError e) {
            return answers.json(400, Map.of("error", e.code, "error_description", e.getMessage()));
        }
    }

    private MockResponse revoke(RecordedRequest request) {
        if (!clientAuthenticated(request)) {
            return answers.json(401, Map.of("error", "invalid_client"));
        }
        Object body;
        try {
            body = Json.read(bodyText(request));
        } catch (IllegalArgumentException e) {
            return answers.json(400, Map.of("error", "invalid_request", "error_description", "a JSON body is needed"));
        }
        if (!(body instanceof Map<?, ?> map) || !(map.get("token") instanceof String token)) {
            return answers.json(400, Map.of("error", "invalid_request", "error_description", "no token"));
        }
        oauth.revoke(token);
        return answers.empty(200);
    }

    private boolean clientAuthenticated(RecordedRequest request) {
        String header = request.getHeaders().get("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (fake.clientId() + ":" + fake.clientSecret()).getBytes(StandardCharsets.UTF_8));
        return expected.equals(header);
    }

    private static HttpUrl form(RecordedRequest request) {
        return HttpUrl.get("http://form.invalid/?" + bodyText(request));
    }

    private static String bodyText(RecordedRequest request) {
        return request.getBody() == null ? "" : request.getBody().utf8();
    }

    // --- the company API

    private MockResponse api(RecordedRequest request, String realm, List<String> rest) throws InterruptedException {
        fake.apiRequests.incrementAndGet();
        int now = fake.inFlight.incrementAndGet();
        fake.maxInFlight.accumulateAndGet(now, Math::max);
        try {
            if (!fake.latency.isZero()) {
                Thread.sleep(fake.latency.toMillis());
            }
            if (take(fake.throttleNext) || stormHits(request)) {
                fake.throttled.incrementAndGet();
                return answers.throttled();
            }
            if (take(fake.failNext)) {
                return answers.fault(500, "SystemFault", "10000", "An application error has occurred while "
                        + "processing your request", "System Failure Error: the fake was told to fail");
            }
            String auth = request.getHeaders().get("Authorization");
            String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
            String problem = oauth.problem(token, realm);
            if (problem != null) {
                return answers.unauthorized(problem);
            }
            FakeCompany company = fake.company(realm).orElse(null);
            if (company == null) {
                return answers.unauthorized("unknown");
            }
            if (!company.administrator()) {
                return answers.fault(403, "SERVICE", "3100", "message=ApplicationAuthorizationFailed; "
                        + "errorCode=003100; statusCode=403", "AuthorizationFailure: the user is not a company "
                        + "administrator");
            }
            HttpUrl url = request.getUrl();
            String resource = rest.get(0);
            if (resource.equals("companyinfo") && rest.size() == 2 && rest.get(1).equals(realm)) {
                return companyInfo(company);
            }
            if (resource.equals("query") && rest.size() == 1) {
                return query(company, url.queryParameter("query"));
            }
            if (resource.equals("cdc") && rest.size() == 1) {
                return cdc(company, url.queryParameter("entities"), url.queryParameter("changedSince"));
            }
            return answers.fault(400, "ValidationFault", "4000", "Unsupported operation",
                    "No resource " + String.join("/", rest));
        } finally {
            fake.inFlight.decrementAndGet();
        }
    }

    private boolean stormHits(RecordedRequest request) {
        synchronized (fake.throttledTargets) {
            if (fake.throttleEach == 0) {
                return false;
            }
            int seen = fake.throttledTargets.merge(request.getMethod() + " " + request.getUrl(), 1, Integer::sum);
            return seen <= fake.throttleEach;
        }
    }

    private static boolean take(AtomicInteger counter) {
        return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    private MockResponse companyInfo(FakeCompany company) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("CompanyName", company.name());
        info.put("LegalName", company.name());
        info.put("Country", "US");
        info.put("Id", "1");
        info.put("domain", "QBO");
        return answers.api("CompanyInfo", info);
    }

    private MockResponse query(FakeCompany company, String text) {
        if (text == null) {
            return parseError("QueryParserError: no query");
        }
        synchronized (fake.queries) {
            fake.queries.add(text);
        }
        Query q;
        try {
            q = Query.parse(text);
        } catch (Query.ParseError e) {
            return parseError(e.getMessage());
        }
        if (!FakeCompany.ENTITIES.contains(q.entity)) {
            return parseError("QueryValidationError: Invalid entity name: " + q.entity);
        }
        List<Map<String, Object>> matching = company.matching(q.entity, q::matches);
        Map<String, Object> response = new LinkedHashMap<>();
        if (q.count) {
            response.put("totalCount", matching.size());
            return answers.api("QueryResponse", response);
        }
        matching.sort(q.comparator());
        int from = Math.min(q.startPosition - 1, matching.size());
        List<Map<String, Object>> page = matching.subList(from, Math.min(from + q.maxResults, matching.size()));
        if (!page.isEmpty()) {
            response.put(q.entity, page);
            response.put("startPosition", q.startPosition);
            response.put("maxResults", page.size());
        }
        return answers.api("QueryResponse", response);
    }

    private MockResponse parseError(String detail) {
        return answers.fault(400, "ValidationFault", "4000", "Error parsing query", detail);
    }

    private MockResponse cdc(FakeCompany company, String entities, String changedSince) {
        synchronized (fake.changeRequests) {
            fake.changeRequests.add("entities=" + entities + "&changedSince=" + changedSince);
        }
        if (entities == null || entities.isBlank() || changedSince == null) {
            return answers.fault(400, "ValidationFault", "2010", "Request has invalid or unsupported property",
                    "entities and changedSince are required");
        }
        Instant since;
        try {
            since = OffsetDateTime.parse(changedSince).toInstant();
        } catch (DateTimeParseException e) {
            return answers.fault(400, "ValidationFault", "2010", "Request has invalid or unsupported property",
                    "changedSince is not a date-time: " + changedSince);
        }
        if (since.isBefore(fake.clock().instant().minus(CDC_WINDOW))) {
            return answers.fault(400, "ValidationFault", "2500", "Invalid Date",
                    "changedSince must be within the last 30 days");
        }
        List<String> names = List.of(entities.split(","));
        for (String name : names) {
            if (!FakeCompany.ENTITIES.contains(name)) {
                return answers.fault(400, "ValidationFault", "2010", "Request has invalid or unsupported property",
                        "Unsupported entity for change data capture: " + name);
            }
        }
        record Change(String entity, Instant at, Map<String, Object> object) {
        }
        List<Change> changes = new ArrayList<>();
        for (String name : names) {
            company.changedSince(name, since).forEach(r -> changes.add(new Change(name, FakeCompany.lastUpdated(r), r)));
            company.deletedSince(name, since).forEach(r -> changes.add(new Change(name, FakeCompany.lastUpdated(r), r)));
        }
        changes.sort(Comparator.comparing(Change::at));
        List<Change> answered = changes.subList(0, Math.min(CDC_LIMIT, changes.size()));
        List<Object> perEntity = new ArrayList<>();
        for (String name : names) {
            List<Object> objects = new ArrayList<>();
            answered.stream().filter(c -> c.entity().equals(name)).forEach(c -> objects.add(c.object()));
            if (!objects.isEmpty()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put(name, objects);
                one.put("startPosition", 1);
                one.put("maxResults", objects.size());
                perEntity.add(one);
            }
        }
        if (perEntity.isEmpty()) {
            perEntity.add(Map.of());
        }
        return answers.api("CDCResponse", List.of(Map.of("QueryResponse", perEntity)));
    }
}

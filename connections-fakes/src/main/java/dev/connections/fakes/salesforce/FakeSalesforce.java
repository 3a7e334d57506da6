package dev.connections.fakes.salesforce;

import dev.connections.fakes.NoDelayServerSockets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake Salesforce: a real HTTP server on localhost that is both the login host (OAuth 2.0 web server flow) and the
 * org's instance (REST API and Bulk API 2.0 queries) over in-memory sObjects, with switchable {@link Faults} and
 * counters of what it was asked. Wire formats follow Salesforce's: JSON error arrays, datetimes like
 * {@code 2024-03-01T10:15:00.000+0000}, {@code nextRecordsUrl} paging, {@code Sforce-Limit-Info} headers, Bulk CSV
 * results paged by {@code Sforce-Locator}.
 *
 * <pre>{@code
 * try (FakeSalesforce sf = FakeSalesforce.builder().clock(clock).pageSize(500).start()) {
 *     sf.addObject(FakeObject.of("Account", "Account", FakeField.of("Name", "string")));
 *     String id = sf.insert("Account", Map.of("Name", "Acme"));
 *     sf.faults().expireAccessTokens();
 *     ...
 * }
 * }</pre>
 *
 * <p>Records get {@code Id}, {@code IsDeleted}, {@code CreatedDate}, {@code LastModifiedDate} and
 * {@code SystemModstamp} from the fake, stamped with its clock. The org always has an {@code Organization} object
 * (queryable, not replicateable) with one record, the org itself. Thread-safe.
 */
public final class FakeSalesforce implements AutoCloseable {

    /** The API version the fake calls current; it also serves the four before it. */
    public static final String API_VERSION = "62.0";

    private static final Logger LOG = LoggerFactory.getLogger(FakeSalesforce.class);
    private static final Pattern VERSIONED = Pattern.compile("/services/data/v(\\d+\\.0)(/.*)?");
    private static final List<String> VERSIONS = List.of("58.0", "59.0", "60.0", "61.0", API_VERSION);
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final MockWebServer server = new MockWebServer();
    private final Clock clock;
    private final Org org;
    private final Faults faults;
    private final OAuthServer oauth;
    private final RestApi rest;
    private final BulkApi bulk;
    private final String orgId;
    private final String userId;
    private final String clientId;
    private final String clientSecret;
    private final int dailyApiLimit;
    private final boolean gzip;
    private final AtomicInteger apiUsage = new AtomicInteger();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final List<String> soql = new CopyOnWriteArrayList<>();
    private final String url;

    private FakeSalesforce(Builder b) {
        this.clock = b.clock;
        this.orgId = b.orgId;
        this.userId = "005000000000001AAA";
        this.clientId = b.clientId;
        this.clientSecret = b.clientSecret;
        this.dailyApiLimit = b.dailyApiLimit;
        this.gzip = b.gzip;
        this.org = new Org(clock, b.deletionRetention);
        OAuthServer[] self = new OAuthServer[1];
        this.faults = new Faults(() -> self[0].expireAccessTokens());
        this.oauth = new OAuthServer(clock, clientId, clientSecret, b.redirectUris, orgId, userId, faults);
        self[0] = oauth;
        this.rest = new RestApi(org, b.pageSize);
        this.bulk = new BulkApi(org, b.bulkPollsUntilComplete, userId, faults::failBulkJobs);
        org.add(FakeObject.of("Organization", "Organization", FakeField.of("Name", "string"),
                FakeField.of("OrganizationType", "string")).notReplicateable());
        org.existing("Organization").insert(Map.of("Id", orgId, "Name", b.orgName,
                "OrganizationType", "Developer Edition"), org.now());
        server.setServerSocketFactory(new NoDelayServerSockets());
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return FakeSalesforce.this.dispatch(request);
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("the fake Salesforce could not start", e);
        }
        String base = server.url("/").toString();
        this.url = base.substring(0, base.length() - 1);
        oauth.baseUrl(url);
    }

    /** @return a fake with the defaults of {@link Builder}, started */
    public static FakeSalesforce start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return the server's base URL, e.g. {@code http://localhost:52123}: login host and instance URL alike */
    public String url() {
        return url;
    }

    public String orgId() {
        return orgId;
    }

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    public Faults faults() {
        return faults;
    }

    // --- data

    /** Adds an sObject; the system fields are added to those given. */
    public FakeSalesforce addObject(FakeObject object) {
        org.add(object);
        return this;
    }

    /** Adds a field to an object; existing records have null in it. */
    public void addField(String object, FakeField field) {
        org.existing(object).addField(field);
    }

    /**
     * Removes a field from the org, as an admin deleting it: describe no longer lists it and queries naming it fail
     * with 400 INVALID_FIELD.
     */
    public void removeField(String object, String field) {
        if (!org.existing(object).removeField(field)) {
            throw new IllegalArgumentException(object + " has no field " + field);
        }
    }

    /**
     * Inserts a record stamped with the fake's clock.
     *
     * @param values field name to value: String, Number, Boolean, LocalDate, Instant (or ISO text), LocalTime, a Map
     *               for address and location fields; {@code Id} may be given
     * @return the record's id
     */
    public String insert(String object, Map<String, ?> values) {
        return org.existing(object).insert(new LinkedHashMap<>(values), org.now());
    }

    /** Changes fields of a record and stamps it with the fake's clock; a null value needs a HashMap. */
    public void update(String object, String id, Map<String, ?> values) {
        org.existing(object).update(id, new HashMap<>(values), org.now());
    }

    /** Deletes a record into the recycle bin: queryAll shows it with IsDeleted, deleted/ lists it. */
    public void delete(String object, String id) {
        org.existing(object).delete(id, org.now());
    }

    /**
     * Adds {@code count} records made on demand from their index (0 to count - 1), all stamped now; they cost no
     * memory until changed or deleted. Their ids are the object's key prefix and the index plus one.
     *
     * @param values computes the fields of the record at an index; must be thread-safe and give the same values
     *               for the same index every time
     */
    public void generate(String object, int count, IntFunction<Map<String, Object>> values) {
        org.existing(object).generate(count, values, org.now());
    }

    /** @return the id a generated record has at an index */
    public String generatedId(String object, int index) {
        return org.existing(object).generatedIdOf(index);
    }

    /** @return a live record's fields, system fields included */
    public Optional<Map<String, Object>> record(String object, String id) {
        return org.existing(object).current(id);
    }

    /** @return how many live records an object has */
    public int count(String object) {
        return org.existing(object).liveCount();
    }

    // --- OAuth

    /** @return the tokens of an authorization granted without the browser flow, as the token endpoint gives them */
    public IssuedTokens issueTokens() {
        Map<String, String> r = oauth.grant();
        return new IssuedTokens(r.get("access_token"), r.get("refresh_token"), r.get("instance_url"), r.get("id"));
    }

    /**
     * Tokens a test can use without the browser flow.
     *
     * @param accessToken  for the Authorization header
     * @param refreshToken for the refresh_token grant
     * @param instanceUrl  the org's instance: this server
     * @param identityUrl  {@code {login}/id/{orgId}/{userId}}
     */
    public record IssuedTokens(String accessToken, String refreshToken, String instanceUrl, String identityUrl) {
        @Override
        public String toString() {
            return "IssuedTokens[instanceUrl=" + instanceUrl + ", identityUrl=" + identityUrl + "]";
        }
    }

    // --- counters

    /** @return requests received with exactly this path (no query string) */
    public int requests(String path) {
        AtomicInteger n = requests.get(path);
        return n == null ? 0 : n.get();
    }

    /** @return requests received per path, sorted by path */
    public Map<String, Integer> requestsByPath() {
        Map<String, Integer> copy = new TreeMap<>();
        requests.forEach((path, n) -> copy.put(path, n.get()));
        return copy;
    }

    /** @return every request received since the start or the last reset */
    public int totalRequests() {
        return requests.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** @return requests to the token endpoint (code exchanges and refreshes) */
    public int tokenRequests() {
        return oauth.tokenRequests();
    }

    /**
     * @return every secret the fake handed out: authorization codes, access and refresh tokens, and the client
     *         secret, for tests that check none of them leaks into logs or messages
     */
    public List<String> issuedSecrets() {
        List<String> all = new ArrayList<>(oauth.issued());
        all.add(clientSecret);
        return all;
    }

    /** @return the SOQL of every query, queryAll and Bulk job received, in order */
    public List<String> soql() {
        return List.copyOf(soql);
    }

    /** Sets every counter to zero and forgets the SOQL received; the API usage of the day stays. */
    public void resetCounters() {
        requests.clear();
        soql.clear();
        oauth.resetCounters();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (RuntimeException e) {
            LOG.debug("closing the fake Salesforce: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "FakeSalesforce[" + url + ", org " + orgId + "]";
    }

    // --- serving

    private MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        boolean api = false;
        Reply reply;
        try {
            Matcher versioned = VERSIONED.matcher(path);
            if (path.startsWith("/services/oauth2/")) {
                reply = oauth.handle(request, path.substring("/services/oauth2/".length()));
            } else if (path.equals("/services/data") || path.equals("/services/data/")) {
                reply = versions();
            } else if (versioned.matches()) {
                api = true;
                reply = api(request, versioned.group(1), versioned.group(2) == null ? "" : versioned.group(2));
            } else {
                reply = null;
            }
        } catch (RuntimeException e) {
            LOG.warn("the fake Salesforce failed on {} {}", request.getMethod(), path, e);
            reply = Reply.error(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred: " + e);
        }
        if (reply == null) {
            reply = RestApi.notFound();
        }
        reply.header("Date", HTTP_DATE.format(clock.instant()));
        long keep = -1;
        long slowBytes = 0;
        if (api) {
            reply.header("Sforce-Limit-Info", "api-usage=" + apiUsage.get() + "/" + dailyApiLimit);
            if (reply.code() == 200 && reply.body().size() > 0 && faults.takeCutOff()) {
                keep = reply.body().size() / 2;
            }
            slowBytes = faults.slowBytes();
        }
        String accepted = request.getHeaders().get("Accept-Encoding");
        boolean compress = api && gzip && accepted != null && accepted.contains("gzip");
        return reply.toMockResponse(keep, slowBytes, faults.slowPeriod(), compress);
    }

    private Reply api(RecordedRequest request, String version, String resource) {
        if (!VERSIONS.contains(version)) {
            return RestApi.notFound();
        }
        if (faults.takeUnavailable()) {
            return Reply.error(503, "SERVER_UNAVAILABLE", "Salesforce is temporarily unavailable");
        }
        String auth = request.getHeaders().get("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !oauth.valid(auth.substring(7))) {
            return Reply.error(401, "INVALID_SESSION_ID", "Session expired or invalid");
        }
        if (faults.apiDisabled()) {
            return Reply.error(403, "API_DISABLED_FOR_ORG", "The REST API is not enabled for this Organization.");
        }
        if (faults.dailyLimitExceeded() || apiUsage.get() >= dailyApiLimit) {
            return Reply.error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
        }
        apiUsage.incrementAndGet();
        int[] usage = {apiUsage.get(), dailyApiLimit};
        Reply reply = rest.handle(request, version, resource, soql::add, usage);
        return reply != null ? reply : bulk.handle(request, version, resource, soql::add);
    }

    private static Reply versions() {
        return Reply.json(200, out -> {
            out.beginArray();
            for (String v : VERSIONS) {
                out.beginObject().name("label").value("Version " + v).name("url").value("/services/data/v" + v)
                        .name("version").value(v).endObject();
            }
            out.endArray();
        });
    }

    /** Configures a {@link FakeSalesforce}; every setting has a default. Not thread-safe. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private int pageSize = 2000;
        private Duration deletionRetention = Duration.ofDays(15);
        private int dailyApiLimit = 15_000;
        private int bulkPollsUntilComplete = 1;
        private String clientId = "3MVG9fake.client.id";
        private String clientSecret = "fake-client-secret-0123456789";
        private final Set<String> redirectUris = new HashSet<>();
        private String orgId = "00D000000000001EAA";
        private String orgName = "Fake Salesforce Org";
        private boolean gzip;

        private Builder() {
        }

        /** The clock that stamps records and decides the deletion window. Default: the system clock. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Records per query page (Salesforce: up to 2,000). Default 2,000. */
        public Builder pageSize(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("pageSize must be positive");
            }
            this.pageSize = value;
            return this;
        }

        /** How long deletions stay visible to deleted/ and queryAll (Salesforce: about 15 days). Default 15 days. */
        public Builder deletionRetention(Duration value) {
            this.deletionRetention = Objects.requireNonNull(value, "deletionRetention");
            return this;
        }

        /** API calls allowed before REQUEST_LIMIT_EXCEEDED. Default 15,000. */
        public Builder dailyApiLimit(int value) {
            this.dailyApiLimit = value;
            return this;
        }

        /** Status requests a Bulk query job answers before it is JobComplete. Default 1. */
        public Builder bulkPollsUntilComplete(int value) {
            this.bulkPollsUntilComplete = Math.max(1, value);
            return this;
        }

        /** The connected app's credentials the token endpoint accepts. */
        public Builder client(String id, String secret) {
            this.clientId = Objects.requireNonNull(id, "id");
            this.clientSecret = Objects.requireNonNull(secret, "secret");
            return this;
        }

        /** Adds a callback URL of the connected app; with none, any http(s) redirect_uri is accepted. */
        public Builder redirectUri(String value) {
            redirectUris.add(Objects.requireNonNull(value, "redirectUri"));
            return this;
        }

        /** The org's 18-character id. */
        public Builder orgId(String value) {
            this.orgId = Objects.requireNonNull(value, "orgId");
            return this;
        }

        /** The org's name, as {@code SELECT Name FROM Organization} gives it. */
        public Builder orgName(String value) {
            this.orgName = Objects.requireNonNull(value, "orgName");
            return this;
        }

        /**
         * Whether REST and Bulk answers are gzip-compressed for a client that accepts gzip, as Salesforce does.
         * Default: off.
         */
        public Builder gzip(boolean value) {
            this.gzip = value;
            return this;
        }

        /** @return a started fake; close it */
        public FakeSalesforce start() {
            return new FakeSalesforce(this);
        }
    }
}

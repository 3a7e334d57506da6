package dev.connections.core;

import dev.connections.api.AccessPolicy;
import dev.connections.api.ConnectionsListener;
import dev.connections.api.RefreshRun;
import dev.connections.api.TableId;
import dev.connections.core.internal.Agenda;
import dev.connections.core.internal.ConnectionStatuses;
import dev.connections.core.internal.ConnectorRegistry;
import dev.connections.core.internal.Events;
import dev.connections.core.internal.RefreshEngine;
import dev.connections.core.internal.Scheduler;
import dev.connections.core.internal.SealedSecrets;
import dev.connections.core.internal.SecretBox;
import dev.connections.core.internal.Shared;
import dev.connections.core.internal.http.HttpSupport;
import dev.connections.core.internal.memory.InMemoryStorage;
import dev.connections.core.internal.oauth.OAuthClient;
import dev.connections.core.internal.oauth.OAuthSupport;
import dev.connections.http.ServiceHttp;
import dev.connections.http.Sleeper;
import dev.connections.spi.Connector;
import dev.connections.spi.storage.Storage;
import dev.connections.spi.storage.StoredConnection;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK: connections, connected tables, refreshes and their schedule, on one storage.
 *
 * <pre>{@code
 * try (Connections sdk = Connections.builder().build()) {
 *     sdk.start();
 *     Connection folder = sdk.connections().create(pam, NewConnection.of("csv", "Exports").set("folder", "/srv/x"));
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #start()} starts the built-in scheduler; {@link #close()} stops it, hands scheduled refreshes
 * that had not started back to the schedule (due as before, for the next start or another instance; their futures
 * complete with null), lets running refreshes finish within the close timeout (then interrupts them: they fail and
 * change nothing), and closes the storage.
 */
public final class Connections implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Connections.class);

    private final Shared shared;
    private final ConnectionService connections;
    private final TableService tables;
    private final Scheduler scheduler;
    private final ThreadPoolExecutor pool;
    private final RefreshEngine refreshes;
    private final Duration closeTimeout;

    private Connections(Builder b, Shared shared) {
        this.shared = shared;
        this.pool = new ThreadPoolExecutor(b.refreshThreads, b.refreshThreads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), named("connections-refresh"));
        this.refreshes = new RefreshEngine(shared);
        this.connections = new ConnectionService(shared);
        this.tables = new TableService(shared, refreshes, pool);
        this.scheduler = new Scheduler(shared, refreshes, pool, b.refreshThreads,
                b.builtInScheduler ? b.pollInterval : null);
        this.closeTimeout = b.closeTimeout;
    }

    /** @return a builder of an SDK instance; {@link Builder#build()} with no settings runs on in-memory storage */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A storage that keeps everything in this JVM's memory: what {@link Builder#build()} uses when the host gives no
     * storage. Several SDK instances in one JVM may share it, as instances share a database; its data ends with the
     * JVM. For tests, demos and benchmarks.
     *
     * @return a new, empty in-memory storage
     */
    public static Storage inMemoryStorage() {
        return new InMemoryStorage();
    }

    /** @return "My Connections": create, view, test, rename, delete, discover */
    public ConnectionService connections() {
        return connections;
    }

    /** @return connected tables: create, details, history, rows, changes, switch, refresh */
    public TableService tables() {
        return tables;
    }

    /** @return the ids of the services this SDK has connectors for */
    public Set<String> services() {
        return shared.connectors().all().stream().map(c -> c.descriptor().id())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /**
     * Marks refreshes that a crash interrupted as FAILED, then starts the built-in scheduler (unless the host turned
     * it off). Refreshes missed while the host was down run once, not once per missed slot.
     */
    public void start() {
        scheduler.recoverInterrupted();
        scheduler.start();
    }

    /**
     * Starts every scheduled refresh that is due now on the refresh pool, earliest due first. The built-in scheduler
     * does the same whenever a refresh falls due; a host that schedules with its own (clustered) scheduler calls this
     * instead, as often as it likes: each due refresh is claimed in storage, so it starts once across every instance
     * on the database, and a table is never queued twice.
     *
     * @return one future per refresh claimed; one that did not run (another instance or a change of the table held
     *         it) completes with null
     */
    public List<CompletableFuture<RefreshRun>> runDueRefreshes() {
        return scheduler.runDue();
    }

    /**
     * Every table that has a scheduled refresh, and when it is due: what a host's scheduler that keeps one job per
     * table (connections-scheduler-db) creates, moves and removes its jobs by. A table's due time moves when its
     * schedule changes and whenever a refresh of it starts or ends, on any instance.
     *
     * @return the due time of each table with an automatic schedule, the earliest first
     */
    public Map<TableId, Instant> scheduledRefreshes() {
        return scheduler.scheduled();
    }

    /**
     * Runs one table's scheduled refresh in the calling thread if it is due now, for a host's scheduler that keeps
     * one job per table; the host's scheduler decides which instance calls this, and storage still claims the refresh,
     * so it starts once across every instance on the database. A refresh that an instance left RUNNING when it died
     * is marked interrupted first, once its lease ran out; the table is then due again soon (a passing failure).
     * Does not use the refresh pool.
     *
     * @param table the table's id
     * @return when to call this again for the table: its next due time; while another refresh holds the table, the
     *         lease duration later (or its due time, if that comes first and has not passed); empty when the table
     *         has no scheduled refresh any more (made manual, or deleted)
     */
    public Optional<Instant> runScheduledRefresh(TableId table) {
        return scheduler.runDue(Objects.requireNonNull(table, "table"));
    }

    @Override
    public void close() {
        scheduler.close();
        scheduler.abandonQueued();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(closeTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Refreshes still running after {}; interrupting them", closeTimeout);
                pool.shutdownNow();
                pool.awaitTermination(closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        refreshes.close();
        shared.http().close();
        try {
            shared.storage().close();
        } catch (Exception e) {
            LOG.warn("Closing the storage failed: {}", e.toString());
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Configures a {@link Connections}; not thread-safe. Every setting has a default. */
    public static final class Builder {
        private Storage storage;
        private Clock clock = Clock.systemUTC();
        private final List<Connector> connectors = new ArrayList<>();
        private boolean discover = true;
        private ClassLoader classLoader;
        private final List<ConnectionsListener> listeners = new ArrayList<>();
        private AccessPolicy policy = AccessPolicy.CREATOR_OR_CONNECTION_OWNER;
        private Duration minimumInterval = Duration.ofHours(1);
        private int refreshThreads = 2;
        private Duration pollInterval = Duration.ofSeconds(30);
        private boolean builtInScheduler = true;
        private SecretKey secretKey;
        private String instanceId = "instance-" + UUID.randomUUID();
        private Duration leaseDuration = Duration.ofMinutes(10);
        private Duration closeTimeout = Duration.ofSeconds(30);
        private Duration retryTransientAfter = Duration.ofMinutes(15);
        private final Map<String, ServiceHttp.Policy> httpPolicies = new LinkedHashMap<>();
        private Duration httpCallTimeout = Duration.ofMinutes(5);
        private Sleeper sleeper = Sleeper.SYSTEM;
        private final Map<String, OAuthClient> oauthClients = new LinkedHashMap<>();
        private URI redirectUri;

        private Builder() {
        }

        /** Where everything is kept; the SDK closes it on close. Default: in memory, gone when the process ends. */
        public Builder storage(Storage value) {
            this.storage = Objects.requireNonNull(value, "storage");
            return this;
        }

        /** The time source of refreshes, history and schedules. Default: the system clock in UTC. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Registers a connector explicitly; it wins over a discovered connector with the same id. */
        public Builder connector(Connector value) {
            connectors.add(Objects.requireNonNull(value, "connector"));
            return this;
        }

        /** Whether to find connectors with {@link java.util.ServiceLoader}. Default: true. */
        public Builder discoverConnectors(boolean value) {
            this.discover = value;
            return this;
        }

        /** Where discovery looks. Default: the thread's context class loader. */
        public Builder classLoader(ClassLoader value) {
            this.classLoader = Objects.requireNonNull(value, "classLoader");
            return this;
        }

        /** Adds a listener for refresh progress and connection status changes. */
        public Builder listener(ConnectionsListener value) {
            listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        /** The host's rules for schedules, refreshes, viewing and deleting tables. */
        public Builder accessPolicy(AccessPolicy value) {
            this.policy = Objects.requireNonNull(value, "accessPolicy");
            return this;
        }

        /** The shortest interval a schedule may have. Default: one hour. */
        public Builder minimumInterval(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("the minimum interval must be positive, not " + value);
            }
            this.minimumInterval = value;
            return this;
        }

        /** How many refreshes run at once (scheduled and async). Default: 2. */
        public Builder refreshThreads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("refreshThreads must be at least 1, not " + value);
            }
            this.refreshThreads = value;
            return this;
        }

        /**
         * The longest the built-in scheduler sleeps between two looks at storage. It sleeps until the earliest due
         * refresh and wakes when this instance creates a table, changes a schedule or ends a refresh, so this bounds
         * only how late it notices what another instance on the same database changed, and how often it looks for
         * refreshes a crashed instance left RUNNING. Default: 30 seconds.
         */
        public Builder schedulerPollInterval(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("the scheduler's longest sleep must be positive, not " + value);
            }
            this.pollInterval = value;
            return this;
        }

        /** Turns the built-in scheduler off, for a host that calls {@link #runDueRefreshes()} itself. */
        public Builder externalScheduler() {
            this.builtInScheduler = false;
            return this;
        }

        /**
         * The AES key that encrypts credentials at rest. Needed for a storage that keeps no key of its own
         * ({@link Storage#defaultSecretKey()}); the in-memory default keeps a random one, the embedded JDBC storage a
         * key file.
         */
        public Builder secretKey(SecretKey value) {
            this.secretKey = Objects.requireNonNull(value, "secretKey");
            return this;
        }

        /** The AES key as 16, 24 or 32 raw bytes. */
        public Builder secretKey(byte[] value) {
            if (value.length != 16 && value.length != 24 && value.length != 32) {
                throw new IllegalArgumentException("an AES key has 16, 24 or 32 bytes, not " + value.length);
            }
            return secretKey(new SecretKeySpec(value.clone(), "AES"));
        }

        /** This instance's name as a lease holder (several instances may share one storage). Default: random. */
        public Builder instanceId(String value) {
            this.instanceId = Objects.requireNonNull(value, "instanceId");
            return this;
        }

        /** How long a refresh's lease lasts between renewals; a dead instance's refresh is taken over after it. */
        public Builder leaseDuration(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("the lease duration must be positive, not " + value);
            }
            this.leaseDuration = value;
            return this;
        }

        /**
         * How soon a table with an automatic schedule refreshes again after its refresh failed for a passing reason
         * (the service was unavailable, the process stopped mid-refresh), if that is before its next scheduled run.
         * A rate-limited refresh waits at least an hour. Default: 15 minutes.
         */
        public Builder retryTransientFailuresAfter(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("the retry delay must be positive, not " + value);
            }
            this.retryTransientAfter = value;
            return this;
        }

        /** How long {@link Connections#close()} waits for running refreshes. Default: 30 seconds. */
        public Builder closeTimeout(Duration value) {
            this.closeTimeout = Objects.requireNonNull(value, "closeTimeout");
            return this;
        }

        /**
         * How the HTTP support handles the requests of one service's connections: the budget of concurrent requests
         * per connection, attempts, the time bound of retries, the wait after a 429 without Retry-After. Wins over
         * the connector's own policy ({@link dev.connections.http.HttpPolicyProvider}). Default:
         * {@link ServiceHttp.Policy#DEFAULT}.
         */
        public Builder httpPolicy(String service, ServiceHttp.Policy policy) {
            httpPolicies.put(Objects.requireNonNull(service, "service"), Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /**
         * The longest one HTTP request of a connector may take, reading its whole response included (connect
         * timeout 10 s and read timeout 60 s apply within it). Default: 5 minutes; zero for no limit.
         */
        public Builder httpCallTimeout(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("the HTTP call timeout must not be negative, not " + value);
            }
            this.httpCallTimeout = value;
            return this;
        }

        /** How the HTTP support waits between attempts of a request. Default: {@link Sleeper#SYSTEM}. */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /**
         * This application's registration as an OAuth client of a service, for the connections of that service:
         * authorization, token refresh and revocation. The secret is kept in memory only and never shown or logged.
         *
         * @param service      the connector id, e.g. {@code salesforce}
         * @param clientId     the client (consumer) id the service issued
         * @param clientSecret the client secret the service issued
         */
        public Builder oauthClient(String service, String clientId, String clientSecret) {
            oauthClients.put(Objects.requireNonNull(service, "service"), new OAuthClient(clientId, clientSecret));
            return this;
        }

        /**
         * Where services send the user back after an authorization: the host's callback URL, registered with each
         * service. The host passes the query parameters it receives there to
         * {@link ConnectionService#completeAuthorization(dev.connections.api.Principal, Map)}. Needed to authorize OAuth connections.
         */
        public Builder redirectUri(URI value) {
            if (!value.isAbsolute()) {
                throw new IllegalArgumentException("the redirect URI must be absolute, not " + value);
            }
            this.redirectUri = value;
            return this;
        }

        /**
         * @throws IllegalStateException when two connectors share an id, neither the host nor the storage gives a
         *                               secret key, or the key cannot open the credentials the storage already holds
         */
        public Connections build() {
            Storage s = storage == null ? new InMemoryStorage() : storage;
            ClassLoader loader = classLoader != null ? classLoader
                    : Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : Connections.class.getClassLoader();
            ConnectorRegistry registry = ConnectorRegistry.build(connectors, discover, loader);
            SecretKey key = secretKey != null ? secretKey : s.defaultSecretKey().orElseThrow(() ->
                new IllegalStateException("The storage " + s.getClass().getSimpleName() + " keeps no secret key of "
                        + "its own and none was given: call secretKey(...) with a key the host keeps, so stored "
                        + "credentials can be decrypted after a restart."));
            SecretBox secrets = new SecretBox(key);
            s.connections().anySealed().ifPresent(sealed -> opens(secrets, sealed));
            Events events = new Events(listeners);
            ConnectionStatuses statuses = new ConnectionStatuses(s, events, clock);
            HttpSupport http = new HttpSupport(httpCallTimeout, httpPolicies, sleeper, clock);
            OAuthSupport oauth = new OAuthSupport(oauthClients, redirectUri, http, clock,
                    new SealedSecrets(s, secrets, statuses, instanceId, clock), s.authorizations(), secrets);
            Shared shared = new Shared(s, registry, clock, events, policy, secrets, statuses, instanceId,
                    minimumInterval, leaseDuration, http, oauth, new Agenda(s.tables(), retryTransientAfter,
                    leaseDuration));
            return new Connections(this, shared);
        }

        /** Refuses to start with a key that cannot open the credentials already stored: using it would lose them. */
        private static void opens(SecretBox secrets, StoredConnection sealed) {
            try {
                secrets.open(sealed.id().value(), sealed.secrets());
            } catch (IllegalStateException e) {
                throw new IllegalStateException("The secret key does not open the credentials already in this "
                        + "storage: it is not the key they were stored with. Give the SDK that key (secretKey(...)); "
                        + "for JdbcStorage.embedded(...), restore the file connections.key from a backup of the "
                        + "storage folder. Nothing was changed.");
            }
        }
    }
}

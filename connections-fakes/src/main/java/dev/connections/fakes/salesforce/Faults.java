package dev.connections.fakes.salesforce;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Switchable faults of a {@link FakeSalesforce}. Every switch is off until set; {@link #clear()} turns them all off.
 * Thread-safe: tests switch faults while the server serves.
 *
 * <table>
 *   <caption>What each fault does</caption>
 *   <tr><th>switch</th><th>the fake answers</th></tr>
 *   <tr><td>{@link #expireAccessTokens()}</td><td>401 {@code INVALID_SESSION_ID} to every access token issued so
 *       far, until a refresh issues a new one</td></tr>
 *   <tr><td>{@link #apiDisabled}</td><td>403 {@code API_DISABLED_FOR_ORG} to every REST and Bulk call</td></tr>
 *   <tr><td>{@link #dailyLimitExceeded}</td><td>403 {@code REQUEST_LIMIT_EXCEEDED} to every REST and Bulk
 *       call</td></tr>
 *   <tr><td>{@link #unavailable(int)}</td><td>503 to the next n REST and Bulk calls</td></tr>
 *   <tr><td>{@link #slowBodies(long, Duration)}</td><td>every REST and Bulk body in chunks with pauses between
 *       them</td></tr>
 *   <tr><td>{@link #cutOffBodies(int)}</td><td>only the first half of the next n REST and Bulk bodies (truncated
 *       JSON or CSV, with a matching Content-Length)</td></tr>
 *   <tr><td>{@link #invalidGrantOnRefresh}</td><td>400 {@code invalid_grant} to every refresh_token grant</td></tr>
 *   <tr><td>{@link #rotateRefreshTokens}</td><td>a new refresh token with every refresh; the old one stops
 *       working</td></tr>
 *   <tr><td>{@link #denyNextAuthorization()}</td><td>the next authorize request redirects back with
 *       {@code error=access_denied}</td></tr>
 *   <tr><td>{@link #failBulkJobs}</td><td>Bulk query jobs end Failed with an errorMessage</td></tr>
 * </table>
 * A field removed from the org is not a switch: see {@link FakeSalesforce#removeField}.
 */
public final class Faults {

    private final AtomicBoolean apiDisabled = new AtomicBoolean();
    private final AtomicBoolean dailyLimitExceeded = new AtomicBoolean();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger cutOff = new AtomicInteger();
    private volatile long slowBytes;
    private volatile Duration slowPeriod = Duration.ZERO;
    private final AtomicBoolean invalidGrant = new AtomicBoolean();
    private final AtomicBoolean rotate = new AtomicBoolean();
    private final AtomicBoolean denyAuthorization = new AtomicBoolean();
    private final AtomicBoolean failBulkJobs = new AtomicBoolean();
    private final Runnable expire;

    Faults(Runnable expire) {
        this.expire = expire;
    }

    /** Every access token issued so far is refused with 401 INVALID_SESSION_ID; refreshing gives a working one. */
    public Faults expireAccessTokens() {
        expire.run();
        return this;
    }

    /** The org has no API access, or the user lacks "API Enabled": 403 API_DISABLED_FOR_ORG. */
    public Faults apiDisabled(boolean on) {
        apiDisabled.set(on);
        return this;
    }

    /** The org's daily API allocation is used up: 403 REQUEST_LIMIT_EXCEEDED. */
    public Faults dailyLimitExceeded(boolean on) {
        dailyLimitExceeded.set(on);
        return this;
    }

    /** The next {@code times} REST and Bulk calls get 503 Service Unavailable. */
    public Faults unavailable(int times) {
        unavailable.set(times);
        return this;
    }

    /**
     * Sends REST and Bulk bodies slowly: {@code bytes} bytes, then a pause of {@code period}, and so on. A pause
     * longer than a client's read timeout makes it time out; 0 bytes turns it off.
     */
    public Faults slowBodies(long bytes, Duration period) {
        this.slowPeriod = Objects.requireNonNull(period, "period");
        this.slowBytes = bytes;
        return this;
    }

    /** Sends only the first half of the next {@code times} REST and Bulk bodies. */
    public Faults cutOffBodies(int times) {
        cutOff.set(times);
        return this;
    }

    /** Refresh grants fail with 400 invalid_grant, as after the user revoked access. */
    public Faults invalidGrantOnRefresh(boolean on) {
        invalidGrant.set(on);
        return this;
    }

    /** Refresh-token rotation, as an org may turn on: every refresh returns a new refresh token. */
    public Faults rotateRefreshTokens(boolean on) {
        rotate.set(on);
        return this;
    }

    /** The user denies the next authorization. */
    public Faults denyNextAuthorization() {
        denyAuthorization.set(true);
        return this;
    }

    /** Bulk query jobs fail. */
    public Faults failBulkJobs(boolean on) {
        failBulkJobs.set(on);
        return this;
    }

    /** Turns every switch off (expired tokens stay expired). */
    public Faults clear() {
        apiDisabled.set(false);
        dailyLimitExceeded.set(false);
        unavailable.set(0);
        cutOff.set(0);
        slowBytes = 0;
        invalidGrant.set(false);
        rotate.set(false);
        denyAuthorization.set(false);
        failBulkJobs.set(false);
        return this;
    }

    boolean apiDisabled() {
        return apiDisabled.get();
    }

    boolean dailyLimitExceeded() {
        return dailyLimitExceeded.get();
    }

    boolean takeUnavailable() {
        return unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    boolean takeCutOff() {
        return cutOff.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    long slowBytes() {
        return slowBytes;
    }

    Duration slowPeriod() {
        return slowPeriod;
    }

    boolean invalidGrantOnRefresh() {
        return invalidGrant.get();
    }

    boolean rotateRefreshTokens() {
        return rotate.get();
    }

    boolean takeDeniedAuthorization() {
        return denyAuthorization.getAndSet(false);
    }

    boolean failBulkJobs() {
        return failBulkJobs.get();
    }
}

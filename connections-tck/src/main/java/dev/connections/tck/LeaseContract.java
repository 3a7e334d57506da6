package dev.connections.tck;

import static dev.connections.tck.StorageSamples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.spi.storage.Lease;
import dev.connections.spi.storage.Storage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every storage's {@link Storage#tryLease leases} must have: one holder at a time until the lease
 * expires, renewal, release on close, take-over of an expired lease, independent names, and a generation (fencing
 * token) that grows with every take, also across releases, and that renewals keep. A storage proves it with a test
 * class that extends this suite and says how to make a fresh storage:
 *
 * <pre>{@code
 * class MyLeaseTest extends LeaseContract {
 *     protected Storage createStorage() { return MyStorage.inFreshSchema(); }
 * }
 * }</pre>
 *
 * <p>Times are given explicitly, for storages that have no clock of their own; a storage shared by several processes
 * judges by its own clock (a database's) and ignores them. So a lease that must run out lasts {@link #SHORT} and a
 * test waits (at most a minute) until another holder can take it, which the given times allow at once; a storage
 * with its own clock lets it go when that clock has passed. A second lease taken after the first, and left to run
 * out, tells when the first one's time has passed without taking it.
 *
 * <p>{@link StorageContract} runs this suite with all the others. Each test gets a fresh, empty storage from
 * {@link #createStorage()} and closes it afterwards; JUnit runs the tests of one instance on one thread.
 */
public abstract class LeaseContract extends StorageFixture {

    /** Long enough that no test outlives it. */
    private static final Duration LONG = Duration.ofMinutes(10);
    /** Short enough to run out by a storage's own clock while a test waits. */
    private static final Duration SHORT = Duration.ofMillis(300);
    /** Past {@link #SHORT}, within {@link #LONG}: when a test asks again after waiting. */
    private static final Instant LATER = T0.plusSeconds(60);

    /** A storage's own test class extends this suite, or {@link StorageContract} which runs it. */
    protected LeaseContract() {
    }

    @Test
    void aLeaseExcludesOtherHoldersWhileItLasts() {
        Optional<Lease> lease = storage().tryLease("refresh:t-1", "node-a", T0, LONG);

        assertThat(lease).isPresent();
        assertThat(storage().tryLease("refresh:t-1", "node-b", T0.plusSeconds(59), LONG)).isEmpty();
    }

    @Test
    void aLeaseThatRanOutIsTakenByAnotherHolder() {
        storage().tryLease("refresh:t-1", "node-a", T0, SHORT).orElseThrow();

        Lease taken = awaitTaken("refresh:t-1", "node-b", LATER, LONG);

        assertThat(taken.holder()).isEqualTo("node-b");
    }

    @Test
    void ofSeveralHoldersAskingForAFreeLeaseAtOnceExactlyOneGetsIt() {
        List<Lease> taken = onThreadsAtOnce(8, n -> storage().tryLease("refresh:t-1", "node-" + n, T0, LONG))
                .stream().flatMap(Optional::stream).toList();

        assertThat(taken).hasSize(1);
        assertThat(storage().tryLease("refresh:t-1", "node-x", T0.plusSeconds(59), LONG)).isEmpty();
        assertThat(storage().tryLease("refresh:t-1", taken.get(0).holder(), T0.plusSeconds(59), LONG)).isPresent();
    }

    @Test
    void aLeaseNamesItsHolderGenerationAndExpiry() {
        Lease lease = storage().tryLease("refresh:t-1", "node-a", T0, LONG).orElseThrow();

        assertThat(lease.name()).isEqualTo("refresh:t-1");
        assertThat(lease.holder()).isEqualTo("node-a");
        assertThat(lease.generation()).isPositive();
        assertThat(lease.expiresAt()).isNotNull();
    }

    @Test
    void theHolderMayTakeItsLeaseAgainWithANewerGeneration() {
        Lease first = storage().tryLease("refresh:t-1", "node-a", T0, LONG).orElseThrow();

        Optional<Lease> again = storage().tryLease("refresh:t-1", "node-a", T0.plusSeconds(10), LONG);

        assertThat(again).isPresent();
        assertThat(again.get().generation()).isGreaterThan(first.generation());
        assertThat(first.renew(T0.plusSeconds(20), LONG)).as("the first take's lease, superseded").isFalse();
        assertThat(again.get().renew(T0.plusSeconds(20), LONG)).isTrue();
    }

    @Test
    void renewExtendsTheLeaseAndKeepsItsGeneration() {
        Lease lease = storage().tryLease("refresh:t-1", "node-a", T0, SHORT).orElseThrow();
        Instant before = lease.expiresAt();
        long generation = lease.generation();

        assertThat(lease.renew(T0.plusMillis(100), LONG)).isTrue();
        awaitRunOut(T0.plusMillis(100));

        assertThat(lease.generation()).isEqualTo(generation);
        assertThat(lease.expiresAt()).isAfter(before);
        assertThat(storage().tryLease("refresh:t-1", "node-b", LATER, LONG)).as("renewed past the short time")
                .isEmpty();
    }

    @Test
    void renewalsKeepTheGenerationThatTheTakeIssued() {
        Lease lease = storage().tryLease("refresh:t-1", "node-a", T0, LONG).orElseThrow();
        long generation = lease.generation();

        lease.renew(T0.plusSeconds(10), LONG);
        lease.renew(T0.plusSeconds(20), LONG);

        assertThat(lease.generation()).isEqualTo(generation);
        lease.close();
        assertThat(storage().tryLease("refresh:t-1", "node-b", T0.plusSeconds(30), LONG).orElseThrow().generation())
                .isGreaterThan(generation);
    }

    @Test
    void closingALeaseReleasesIt() {
        Lease lease = storage().tryLease("refresh:t-1", "node-a", T0, LONG).orElseThrow();

        lease.close();

        assertThat(storage().tryLease("refresh:t-1", "node-b", T0.plusSeconds(1), LONG)).isPresent();
        assertThat(lease.renew(T0.plusSeconds(2), LONG)).as("a released lease, taken by another").isFalse();
    }

    @Test
    void generationsGrowAcrossTakesAndReleases() {
        Lease a = storage().tryLease("refresh:t-1", "node-a", T0, LONG).orElseThrow();
        a.close();
        Lease b = storage().tryLease("refresh:t-1", "node-b", T0.plusSeconds(1), LONG).orElseThrow();
        b.close();
        Lease c = storage().tryLease("refresh:t-1", "node-a", T0.plusSeconds(2), LONG).orElseThrow();

        assertThat(b.generation()).isGreaterThan(a.generation());
        assertThat(c.generation()).isGreaterThan(b.generation());
    }

    @Test
    void aTakeOverIssuesANewerGenerationAndTheOldHolderCannotRenew() {
        Lease old = storage().tryLease("refresh:t-1", "node-a", T0, SHORT).orElseThrow();
        Lease taken = awaitTaken("refresh:t-1", "node-b", LATER, LONG);

        assertThat(taken.generation()).isGreaterThan(old.generation());
        assertThat(old.renew(LATER.plusSeconds(1), LONG)).isFalse();
        assertThat(storage().tryLease("refresh:t-1", "node-a", LATER.plusSeconds(2), LONG)).isEmpty();
    }

    @Test
    void closingALostLeaseLeavesItWithTheNewHolder() {
        Lease old = storage().tryLease("refresh:t-1", "node-a", T0, SHORT).orElseThrow();
        awaitTaken("refresh:t-1", "node-b", LATER, LONG);

        old.close();

        assertThat(storage().tryLease("refresh:t-1", "node-c", LATER.plusSeconds(1), LONG)).isEmpty();
    }

    @Test
    void aLeaseThatRanOutButThatNobodyTookMayStillBeRenewed() {
        Lease lease = storage().tryLease("refresh:t-1", "node-a", T0, SHORT).orElseThrow();
        long generation = lease.generation();
        awaitRunOut(T0);

        assertThat(lease.renew(LATER, LONG)).isTrue();
        assertThat(lease.generation()).isEqualTo(generation);
        assertThat(storage().tryLease("refresh:t-1", "node-b", LATER.plusSeconds(1), LONG)).isEmpty();
    }

    @Test
    void leasesWithOtherNamesAreIndependent() {
        Lease first = storage().tryLease("refresh:t-1", "node-a", T0, LONG).orElseThrow();

        Optional<Lease> other = storage().tryLease("refresh:t-2", "node-b", T0, LONG);

        assertThat(other).isPresent();
        assertThat(first.renew(T0.plusSeconds(1), LONG)).isTrue();
    }

    /** Asks for a lease until it is given: at once when the times given allow it, else when the storage's clock does. */
    private Lease awaitTaken(String name, String holder, Instant now, Duration ttl) {
        return Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> storage().tryLease(name, holder, now, ttl), Optional::isPresent).orElseThrow();
    }

    /**
     * Waits until {@link #SHORT} has passed since {@code since} by the storage's clock: a witness lease taken now
     * for that long is taken over.
     */
    private void awaitRunOut(Instant since) {
        storage().tryLease("witness", "witness-a", since, SHORT).orElseThrow();
        awaitTaken("witness", "witness-b", LATER, LONG);
    }
}

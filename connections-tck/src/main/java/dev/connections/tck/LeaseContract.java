package dev.connections.tck;

import static dev.connections.tck.StorageSamples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connections.spi.storage.Lease;
import dev.connections.spi.storage.Storage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every storage's {@link Storage#tryLease leases} must have: one holder at a time until the lease
 * expires, renewal, release on close, take-over of an expired lease, and independent names. Times are given
 * explicitly, so no test waits. A storage proves it with a test class that extends this suite and says how to make a
 * fresh storage:
 *
 * <pre>{@code
 * class MyLeaseTest extends LeaseContract {
 *     protected Storage createStorage() { return MyStorage.inFreshSchema(); }
 * }
 * }</pre>
 *
 * <p>{@link StorageContract} runs this suite with all the others. Each test gets a fresh, empty storage from
 * {@link #createStorage()} and closes it afterwards; JUnit runs the tests of one instance on one thread.
 */
public abstract class LeaseContract extends StorageFixture {

    /** A storage's own test class extends this suite, or {@link StorageContract} which runs it. */
    protected LeaseContract() {
    }

    @Test
    void aLeaseExcludesOtherHoldersUntilItExpires() {
        Duration ttl = Duration.ofSeconds(60);
        Optional<Lease> lease = storage().tryLease("refresh:t-1", "node-a", T0, ttl);

        assertThat(lease).isPresent();
        assertThat(storage().tryLease("refresh:t-1", "node-b", T0.plusSeconds(59), ttl)).isEmpty();
        assertThat(storage().tryLease("refresh:t-1", "node-b", T0.plusSeconds(61), ttl)).isPresent();
    }

    @Test
    void ofSeveralHoldersAskingForAFreeLeaseAtOnceExactlyOneGetsIt() {
        Duration ttl = Duration.ofSeconds(60);

        List<Lease> taken = onThreadsAtOnce(8, n -> storage().tryLease("refresh:t-1", "node-" + n, T0, ttl))
                .stream().flatMap(Optional::stream).toList();

        assertThat(taken).hasSize(1);
        assertThat(storage().tryLease("refresh:t-1", "node-x", T0.plusSeconds(59), ttl)).isEmpty();
        assertThat(storage().tryLease("refresh:t-1", taken.get(0).holder(), T0.plusSeconds(59), ttl)).isPresent();
    }

    @Test
    void aLeaseNamesItsHolderAndExpiry() {
        Lease lease = storage().tryLease("refresh:t-1", "node-a", T0, Duration.ofSeconds(60)).orElseThrow();

        assertThat(lease.name()).isEqualTo("refresh:t-1");
        assertThat(lease.holder()).isEqualTo("node-a");
        assertThat(lease.expiresAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void theHolderMayTakeItsLeaseAgain() {
        storage().tryLease("refresh:t-1", "node-a", T0, Duration.ofSeconds(60)).orElseThrow();

        Optional<Lease> again = storage().tryLease("refresh:t-1", "node-a", T0.plusSeconds(10), Duration.ofSeconds(60));

        assertThat(again).isPresent();
        assertThat(again.get().expiresAt()).isEqualTo(T0.plusSeconds(70));
    }

    @Test
    void renewExtendsTheLease() {
        Lease lease = storage().tryLease("refresh:t-1", "node-a", T0, Duration.ofSeconds(60)).orElseThrow();

        assertThat(lease.renew(T0.plusSeconds(50), Duration.ofSeconds(60))).isTrue();

        assertThat(lease.expiresAt()).isEqualTo(T0.plusSeconds(110));
        assertThat(storage().tryLease("refresh:t-1", "node-b", T0.plusSeconds(100), Duration.ofSeconds(60))).isEmpty();
        assertThat(storage().tryLease("refresh:t-1", "node-b", T0.plusSeconds(111), Duration.ofSeconds(60)))
                .isPresent();
    }

    @Test
    void closingALeaseReleasesIt() {
        Lease lease = storage().tryLease("refresh:t-1", "node-a", T0, Duration.ofSeconds(60)).orElseThrow();

        lease.close();

        assertThat(storage().tryLease("refresh:t-1", "node-b", T0.plusSeconds(1), Duration.ofSeconds(60)))
                .isPresent();
    }

    @Test
    void anExpiredLeaseIsTakenOverAndItsOldHolderCannotRenewIt() {
        Lease old = storage().tryLease("refresh:t-1", "node-a", T0, Duration.ofSeconds(60)).orElseThrow();
        storage().tryLease("refresh:t-1", "node-b", T0.plusSeconds(61), Duration.ofSeconds(60)).orElseThrow();

        assertThat(old.renew(T0.plusSeconds(62), Duration.ofSeconds(60))).isFalse();
        assertThat(storage().tryLease("refresh:t-1", "node-a", T0.plusSeconds(63), Duration.ofSeconds(60))).isEmpty();
    }

    @Test
    void closingALostLeaseLeavesItWithTheNewHolder() {
        Lease old = storage().tryLease("refresh:t-1", "node-a", T0, Duration.ofSeconds(60)).orElseThrow();
        storage().tryLease("refresh:t-1", "node-b", T0.plusSeconds(61), Duration.ofSeconds(60)).orElseThrow();

        old.close();

        assertThat(storage().tryLease("refresh:t-1", "node-c", T0.plusSeconds(62), Duration.ofSeconds(60))).isEmpty();
    }

    @Test
    void anExpiredLeaseThatNobodyTookMayStillBeRenewed() {
        Lease lease = storage().tryLease("refresh:t-1", "node-a", T0, Duration.ofSeconds(60)).orElseThrow();

        assertThat(lease.renew(T0.plusSeconds(90), Duration.ofSeconds(60))).isTrue();
        assertThat(storage().tryLease("refresh:t-1", "node-b", T0.plusSeconds(120), Duration.ofSeconds(60))).isEmpty();
    }

    @Test
    void leasesWithOtherNamesAreIndependent() {
        storage().tryLease("refresh:t-1", "node-a", T0, Duration.ofSeconds(60)).orElseThrow();

        assertThat(storage().tryLease("refresh:t-2", "node-b", T0, Duration.ofSeconds(60))).isPresent();
    }}

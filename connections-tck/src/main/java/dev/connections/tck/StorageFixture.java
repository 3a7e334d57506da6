package dev.connections.tck;

import dev.connections.spi.storage.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every storage suite shares: each test gets a fresh, empty storage from {@link #createStorage()} and the
 * suite closes it after the test; a test that needs more threads than JUnit's starts them with
 * {@link #onThreadsAtOnce}. Only the suites of this package extend it; it holds no tests.
 */
abstract class StorageFixture {

    private Storage storage;

    StorageFixture() {
    }

    /**
     * Called before each test of the suite; the suite closes the storage after the test.
     *
     * @return a new, empty storage that no other test uses; never null
     */
    protected abstract Storage createStorage();

    /** @return the storage of the running test; never null while a test runs */
    protected final Storage storage() {
        return storage;
    }

    @BeforeEach
    final void createEmptyStorage() {
        storage = createStorage();
        if (storage == null) {
            throw new IllegalStateException(getClass().getName() + ".createStorage() returned null");
        }
    }

    @AfterEach
    final void closeStorage() {
        if (storage != null) {
            storage.close();
        }
    }

    /**
     * Runs a task on several threads that start it together, and waits for all of them.
     *
     * @param threads how many threads
     * @param task    what each thread does, given its number from 0
     * @return what each thread returned, in the order of their numbers
     * @throws AssertionError when a thread failed or did not finish within a minute
     */
    static <T> List<T> onThreadsAtOnce(int threads, IntFunction<T> task) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> running = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int number = i;
                running.add(pool.submit(() -> {
                    start.await();
                    return task.apply(number);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> thread : running) {
                results.add(thread.get(1, TimeUnit.MINUTES));
            }
            return results;
        } catch (ExecutionException e) {
            throw new AssertionError("a thread failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("a thread did not finish within a minute", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the threads", e);
        } finally {
            pool.shutdownNow();
        }
    }
}

package dev.payledger.core.batch;

import dev.payledger.core.common.BatchSession;
import dev.payledger.core.common.UnitOfWork;
import dev.payledger.core.inmemory.InMemoryPersistence;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatcherTest {
    @Test
    void requestsThatArriveTogetherShareOneTransactionAndGetTheirOwnResults() {
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        try (Batcher<Integer, String> batcher = new Batcher<>("test", InMemoryPersistence.create().unitOfWork(),
                requests -> {
                    batchSizes.add(requests.size());
                    return requests.stream().map(n -> "r" + n).toList();
                }, n -> "alone" + n, 4, Duration.ofSeconds(2))) {
            List<CompletableFuture<String>> results = new ArrayList<>();
            for (int n = 0; n < 4; n++) {
                results.add(batcher.submitAsync(n));
            }
            assertThat(results).extracting(CompletableFuture::join).containsExactly("r0", "r1", "r2", "r3");
            assertThat(batchSizes).containsExactly(4);
            assertThat(batcher.stats()).isEqualTo(new BatchStats(1, 4, 0, 0));
        }
    }

    @Test
    void aBatchRunsInTheStoresBatchTransactionAndARequestAloneInAPlainOne() {
        UnitOfWork memory = InMemoryPersistence.create().unitOfWork();
        List<String> kinds = new CopyOnWriteArrayList<>();
        UnitOfWork store = new UnitOfWork() {
            @Override
            public <T> T inTransaction(java.util.function.Supplier<T> work) {
                kinds.add("plain");
                return memory.inTransaction(work);
            }

            @Override
            public <T> T inBatchTransaction(java.util.function.Supplier<T> work) {
                kinds.add("batch");
                return memory.inTransaction(work);
            }

            @Override
            public boolean isActive() {
                return memory.isActive();
            }
        };
        try (Batcher<Integer, String> batcher = new Batcher<>("test", store, requests -> {
            if (requests.contains(2)) {
                throw new IllegalStateException("batch broke");
            }
            return requests.stream().map(n -> "r" + n).toList();
        }, n -> store.inTransaction(() -> "alone" + n), 1, Duration.ZERO)) {
            assertThat(batcher.submit(1)).isEqualTo("r1");
            assertThat(batcher.submit(2)).isEqualTo("alone2");
        }
        assertThat(kinds).containsExactly("batch", "batch", "plain");
    }

    @Test
    void aWriterKeepsItsSessionWhileBatchesComeAndReleasesItWhenQuietAndWhenClosed() throws Exception {
        UnitOfWork memory = InMemoryPersistence.create().unitOfWork();
        List<String> session = new CopyOnWriteArrayList<>();
        UnitOfWork store = new UnitOfWork() {
            @Override
            public <T> T inTransaction(java.util.function.Supplier<T> work) {
                return memory.inTransaction(work);
            }

            @Override
            public boolean isActive() {
                return memory.isActive();
            }

            @Override
            public BatchSession batchSession() {
                return new BatchSession() {
                    private boolean holding;

                    @Override
                    public <T> T inTransaction(java.util.function.Supplier<T> work) {
                        if (!holding) {
                            session.add("hold");
                            holding = true;
                        }
                        session.add("batch");
                        return memory.inTransaction(work);
                    }

                    @Override
                    public void release() {
                        if (holding) {
                            session.add("release");
                            holding = false;
                        }
                    }
                };
            }
        };
        try (Batcher<Integer, String> batcher = new Batcher<>("test", store,
                requests -> requests.stream().map(n -> "r" + n).toList(), n -> "alone" + n, 1, Duration.ZERO)) {
            batcher.submit(1);
            batcher.submit(2);
            assertThat(session).containsExactly("hold", "batch", "batch");

            Thread.sleep(Batcher.KEEP_SESSION.toMillis() + 500);
            assertThat(session).containsExactly("hold", "batch", "batch", "release");

            batcher.submit(3);
        }
        assertThat(session).containsExactly("hold", "batch", "batch", "release", "hold", "batch", "release");
    }

    @Test
    void aFailedBatchRunsEachRequestAloneAndOnlyTheBadOneFails() {
        try (Batcher<Integer, String> batcher = new Batcher<>("test", InMemoryPersistence.create().unitOfWork(),
                requests -> {
                    throw new IllegalStateException("batch broke");
                }, n -> {
                    if (n == 2) {
                        throw new IllegalArgumentException("two is bad");
                    }
                    return "alone" + n;
                }, 3, Duration.ofSeconds(2))) {
            CompletableFuture<String> one = batcher.submitAsync(1);
            CompletableFuture<String> two = batcher.submitAsync(2);
            CompletableFuture<String> three = batcher.submitAsync(3);
            assertThat(one.join()).isEqualTo("alone1");
            assertThat(three.join()).isEqualTo("alone3");
            assertThatThrownBy(two::join).hasCauseInstanceOf(IllegalArgumentException.class);
            assertThat(batcher.stats()).isEqualTo(new BatchStats(0, 0, 1, 3));
        }
    }

    @Test
    void requestsOfAFailedBatchRunAloneOnTheExecutorTheCallerGave() {
        java.util.concurrent.ExecutorService alone = java.util.concurrent.Executors.newSingleThreadExecutor(
                runnable -> new Thread(runnable, "alone-executor"));
        try (Batcher<Integer, String> batcher = new Batcher<>("test", InMemoryPersistence.create().unitOfWork(),
                requests -> {
                    throw new IllegalStateException("batch broke");
                }, n -> "alone" + n + " on " + Thread.currentThread().getName(), 3, Duration.ZERO)) {
            assertThat(batcher.submitAsync(1, alone).join()).isEqualTo("alone1 on alone-executor");
        } finally {
            alone.shutdown();
        }
    }

    @Test
    void whenNoTransactionCanBeginTheBatchFailsAtOnceAndTheNextRequestsRunAlone() {
        failsAtOnceThenRunsAlone(unreachable("database unreachable", false), "database unreachable");
    }

    @Test
    void aBatchThatLosesTheDatabaseMidwayFailsAtOnceInsteadOfRunningEachAlone() {
        failsAtOnceThenRunsAlone(unreachable("connection lost", true), "connection lost");
    }

    /** The batch's caller gets the failure and nothing runs alone to wait again; the next second runs alone. */
    private static void failsAtOnceThenRunsAlone(UnitOfWork store, String failure) {
        List<Integer> alone = new CopyOnWriteArrayList<>();
        try (Batcher<Integer, String> batcher = new Batcher<>("test", store, requests -> List.of("x"), n -> {
            alone.add(n);
            return "alone" + n;
        }, 2, Duration.ofSeconds(2))) {
            CompletableFuture<String> one = batcher.submitAsync(1);
            assertThatThrownBy(one::join).hasRootCauseMessage(failure);
            assertThat(alone).as("nothing ran alone to wait for the database again").isEmpty();
            assertThat(batcher.submit(2)).as("right after, requests run alone on the caller's thread").isEqualTo("alone2");
        }
    }

    /**
     * A unit of work whose store cannot be reached: it fails with {@code message} before the work runs, or, when
     * {@code begins}, after (a connection lost midway); it says that failure is {@link UnitOfWork#isUnreachable}.
     */
    private static UnitOfWork unreachable(String message, boolean begins) {
        return new UnitOfWork() {
            @Override
            public <T> T inTransaction(java.util.function.Supplier<T> work) {
                if (begins) {
                    work.get();
                }
                throw new IllegalStateException(message);
            }

            @Override
            public boolean isActive() {
                return false;
            }

            @Override
            public boolean isUnreachable(RuntimeException failure) {
                return message.equals(failure.getMessage());
            }
        };
    }

    @Test
    void aSecondWriterBeginsBesideAnExecutingBatchOnlyWhenAsManyWaitAsItHolds() throws Exception {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        UnitOfWork passThrough = new UnitOfWork() {
            @Override
            public <T> T inTransaction(java.util.function.Supplier<T> work) {
                return work.get();
            }

            @Override
            public boolean isActive() {
                return false;
            }
        };
        // a linger long enough for the first writer to gather a full batch of three, which then blocks
        try (Batcher<Integer, Integer> batcher = new Batcher<>("test", passThrough, requests -> {
            batches.add(requests);
            if (requests.contains(1)) {
                await(release);
            }
            return requests;
        }, n -> n, 3, Duration.ofSeconds(1), 2)) {
            List<CompletableFuture<Integer>> results = new ArrayList<>();
            for (int n = 1; n <= 3; n++) {
                results.add(batcher.submitAsync(n));
            }
            waitFor(() -> batches.size() == 1);
            assertThat(batches.get(0)).containsExactly(1, 2, 3);

            results.add(batcher.submitAsync(4));
            results.add(batcher.submitAsync(5));
            Thread.sleep(200);
            assertThat(batches).as("two waiting beside a running batch of three: no second transaction").hasSize(1);

            results.add(batcher.submitAsync(6));
            waitFor(() -> batches.size() == 2);
            assertThat(batches.get(1)).as("three waiting: the second writer takes them").containsExactly(4, 5, 6);

            results.add(batcher.submitAsync(7)); // one waiting beside six: it goes into the next batch
            release.countDown();
            assertThat(results).extracting(CompletableFuture::join).containsExactly(1, 2, 3, 4, 5, 6, 7);
            assertThat(batches).hasSize(3);
        }
    }

    @Test
    void aSecondWriterBeginsAsSoonAsTheRunningBatchHasExecutedAndCommits() throws Exception {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        CountDownLatch committing = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        UnitOfWork slowCommit = new UnitOfWork() {
            @Override
            public <T> T inTransaction(java.util.function.Supplier<T> work) {
                T result = work.get();
                if (result instanceof List<?> answered && answered.contains(1)) {
                    committing.countDown();
                    await(commit); // the first batch's commit waits for its flush
                }
                return result;
            }

            @Override
            public boolean isActive() {
                return false;
            }
        };
        try (Batcher<Integer, Integer> batcher = new Batcher<>("test", slowCommit, requests -> {
            batches.add(requests);
            return requests;
        }, n -> n, 3, Duration.ofSeconds(1), 2)) {
            List<CompletableFuture<Integer>> results = new ArrayList<>();
            for (int n = 1; n <= 3; n++) {
                results.add(batcher.submitAsync(n));
            }
            await(committing);

            results.add(batcher.submitAsync(4));
            waitFor(() -> batches.size() == 2);
            assertThat(batches.get(1)).as("one waiting beside a batch of three that only commits: it begins")
                    .containsExactly(4);
            assertThat(results.get(3).join()).isEqualTo(4);
            assertThat(results.get(0)).as("the first batch still commits").isNotDone();

            commit.countDown();
            assertThat(results).extracting(CompletableFuture::join).containsExactly(1, 2, 3, 4);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 5 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void closeFinishesWhatWasQueuedThenRefusesMore() {
        Batcher<Integer, Integer> batcher = new Batcher<>("test", InMemoryPersistence.create().unitOfWork(),
                requests -> requests, n -> n, 2, Duration.ZERO);
        CompletableFuture<Integer> queued = batcher.submitAsync(7);
        batcher.close();
        assertThat(queued.join()).isEqualTo(7);
        assertThatThrownBy(() -> batcher.submitAsync(8)).isInstanceOf(IllegalStateException.class);
    }
}

package dev.payledger.core.batch;

import dev.payledger.core.common.BatchSession;
import dev.payledger.core.common.ConcurrentChangeException;
import dev.payledger.core.common.UnitOfWork;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Group commit: concurrent callers {@link #submit} requests, one writer thread drains what has queued (up to
 * {@code maxBatch}; when fewer are waiting it lingers up to {@code linger} for more) and runs them all in ONE
 * {@link UnitOfWork} transaction through {@code batch}, so the database pays one commit (one WAL flush) for
 * the lot. A batch that throws is rolled back whole and each of its requests then runs on its own through
 * {@code single} (its own transaction), so one bad request never fails the others and is reported to its own
 * caller. Those runs happen on the callers' own threads ({@link #submit}) or the common pool
 * ({@link #submitAsync}), not on the writer: when the database is down they wait for it side by side, as
 * unbatched calls would, instead of one after another behind the writer. A batch whose transaction cannot
 * even begin, or loses the store midway ({@link UnitOfWork#isUnreachable}), blames no request: its callers and
 * those queued behind it get that failure at once, and for the next second requests run alone on their callers'
 * threads. {@code batch} must
 * answer one result per request, in order, and, like any unit of work, may be run again by the database on a
 * serialization failure. A writer runs its batches in a {@link UnitOfWork#batchSession}, which it keeps while
 * batches keep coming and releases after {@link #KEEP_SESSION} without one (PostgreSQL: a busy writer keeps one
 * pooled connection, set up for batches once). Thread-safe; {@link #close} stops the writer after it
 * has finished what was submitted.
 *
 * @param <R> request
 * @param <T> result
 */
public final class Batcher<R, T> implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Batcher.class.getName());
    private final UnitOfWork unitOfWork;
    private final Function<List<R>, List<T>> batch;
    private final Function<R, T> single;
    private final int maxBatch;
    private final long lingerNanos;
    /** What a request's future holds when its batch failed and it must run on its own. */
    private static final Object ALONE = new Object();
    /** How long requests skip the batch after a batch could not reach the store. */
    private static final long BYPASS_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * How long a writer keeps its {@link BatchSession} (PostgreSQL: a pooled connection) while nothing comes: a
     * writer that is busy now and then keeps it across the gaps; one that has gone quiet gives it back.
     */
    static final Duration KEEP_SESSION = Duration.ofSeconds(1);
    private static final long KEEP_SESSION_NANOS = KEEP_SESSION.toNanos();

    /** Guards {@link #queue}, {@link #inFlight} and {@link #lingering}. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a writer may begin a batch, or a lingering writer has more to take. */
    private final Condition ready = lock.newCondition();
    private final ArrayDeque<Pending<R>> queue = new ArrayDeque<>();
    /** Requests in the batches now running. */
    private int inFlight;
    /** Running batches still executing their work, not yet waiting for their commits. */
    private int executing;
    /** Writers lingering for a fuller batch. */
    private int lingering;
    private final BatchCounters stats = new BatchCounters();
    private final List<Thread> writers;
    private volatile boolean open = true;
    private volatile long bypassUntil = System.nanoTime();

    /**
     * @param name     the writer thread's name
     * @param batch    runs the requests inside the batch transaction; one result per request, in order
     * @param single   runs one request in a transaction of its own (the fallback)
     * @param maxBatch the most requests per transaction (at least 1)
     * @param linger   how long a writer with fewer than {@code maxBatch} waits for more (zero: take what is there)
     */
    public Batcher(String name, UnitOfWork unitOfWork, Function<List<R>, List<T>> batch, Function<R, T> single,
                   int maxBatch, Duration linger) {
        this(name, unitOfWork, batch, single, maxBatch, linger, 1);
    }

    /**
     * As the single-writer constructor, with {@code writers} threads draining the same queue, so that one
     * batch can execute while another waits for its commit. A further writer begins a batch as soon as the
     * running ones have executed and only wait for their commits (the flush to disk); beside a batch that is still
     * executing, only when at least as many requests wait as the running batches hold (one writer is falling
     * behind). Otherwise they wait and go into the next batch together, which spends one transaction's fixed cost
     * on many requests instead of on one or two. Requests have no order among themselves: use one writer where
     * order matters (one wallet's spends).
     */
    public Batcher(String name, UnitOfWork unitOfWork, Function<List<R>, List<T>> batch, Function<R, T> single,
                   int maxBatch, Duration linger, int writers) {
        if (maxBatch < 1 || writers < 1) {
            throw new IllegalArgumentException("maxBatch and writers must be at least 1");
        }
        this.unitOfWork = Objects.requireNonNull(unitOfWork);
        this.batch = Objects.requireNonNull(batch);
        this.single = Objects.requireNonNull(single);
        this.maxBatch = maxBatch;
        this.lingerNanos = linger.toNanos();
        List<Thread> threads = new ArrayList<>(writers);
        for (int i = 0; i < writers; i++) {
            Thread writer = new Thread(this::work, writers == 1 ? name : name + "-" + i);
            writer.setDaemon(true);
            writer.start();
            threads.add(writer);
        }
        this.writers = List.copyOf(threads);
    }

    /** Runs {@code request} in the next batch and waits for its result; rethrows its failure unchecked. */
    public T submit(R request) {
        if (System.nanoTime() - bypassUntil < 0) {
            return single.apply(request);
        }
        try {
            Object answer = enqueue(request).get();
            return answer == ALONE ? single.apply(request) : cast(answer);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a batch", e);
        }
    }

    /**
     * Queues {@code request} for the next batch; the future completes after its transaction commits, on the
     * writer's thread (chain with an {@code …Async} stage to move work off it). When the request must run alone
     * (its batch failed, or the database was just found down) it runs on the common pool.
     */
    public CompletableFuture<T> submitAsync(R request) {
        return submitAsync(request, ForkJoinPool.commonPool());
    }

    /** As {@link #submitAsync(Object)}, running a request that must run alone on {@code alone}. */
    public CompletableFuture<T> submitAsync(R request, Executor alone) {
        Objects.requireNonNull(alone, "alone");
        if (System.nanoTime() - bypassUntil < 0) {
            return CompletableFuture.supplyAsync(() -> single.apply(request), alone);
        }
        return enqueue(request).thenCompose(answer -> answer == ALONE
                ? CompletableFuture.supplyAsync(() -> single.apply(request), alone)
                : CompletableFuture.completedFuture(cast(answer)));
    }

    private CompletableFuture<Object> enqueue(R request) {
        Objects.requireNonNull(request, "request");
        Pending<R> pending = new Pending<>(request, new CompletableFuture<>());
        lock.lock();
        try {
            if (!open) {
                throw new IllegalStateException("The batcher is closed");
            }
            queue.add(pending);
            if (lingering > 0) {
                ready.signalAll();
            } else if (mayBegin()) {
                ready.signal();
            }
        } finally {
            lock.unlock();
        }
        return pending.result();
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object answer) {
        return (T) answer;
    }

    /** What the writer has done so far. */
    public BatchStats stats() {
        return stats.snapshot();
    }

    private void work() {
        List<Pending<R>> drained = new ArrayList<>(maxBatch);
        BatchSession session = unitOfWork.batchSession();
        boolean holding = false;
        try {
            while (true) {
                try {
                    Take taken = take(drained, holding);
                    if (taken == Take.CLOSED) {
                        return;
                    }
                    if (taken == Take.IDLE) {
                        session.release();
                        holding = false;
                        continue;
                    }
                    holding = true;
                    run(drained, session);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException | Error unexpected) {
                    drained.forEach(p -> p.result().completeExceptionally(unexpected));
                } finally {
                    finished(drained.size());
                    drained.clear();
                }
            }
        } finally {
            session.release();
        }
    }

    /** What {@link #take} found: a batch, nothing for {@link #KEEP_SESSION} (release the session), or the end. */
    private enum Take { BATCH, IDLE, CLOSED }

    /**
     * Waits until this writer may begin a batch and takes it (up to {@code maxBatch}, lingering if asked);
     * {@link Take#IDLE} when the writer is {@code holding} a session and nothing came for {@link #KEEP_SESSION},
     * {@link Take#CLOSED} once the batcher is closed and nothing is left.
     */
    private Take take(List<Pending<R>> drained, boolean holding) throws InterruptedException {
        lock.lock();
        try {
            long idleSince = System.nanoTime();
            while (!mayBegin()) {
                if (!open && queue.isEmpty()) {
                    return Take.CLOSED;
                }
                if (holding && System.nanoTime() - idleSince >= KEEP_SESSION_NANOS) {
                    return Take.IDLE;
                }
                ready.await(50, TimeUnit.MILLISECONDS);
            }
            drain(drained);
            if (lingerNanos > 0 && drained.size() < maxBatch) {
                lingering++;
                try {
                    long deadline = System.nanoTime() + lingerNanos;
                    long left = lingerNanos;
                    while (drained.size() < maxBatch && left > 0) {
                        if (queue.isEmpty()) {
                            ready.awaitNanos(left);
                        }
                        drain(drained);
                        left = deadline - System.nanoTime();
                    }
                } finally {
                    lingering--;
                }
            }
            executing++;
            if (mayBegin()) {
                ready.signal();
            }
            return Take.BATCH;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A writer begins a batch when requests wait and no other batch is executing (the running ones, if any, only
     * wait for their commits, and the database has a core to spare meanwhile), or when at least as many wait as
     * the running batches hold: a second transaction executing beside the first is worth its fixed cost (its
     * statements, its commit) only when one writer is falling behind. Otherwise what queues meanwhile waits for
     * the running batch to commit and goes into the next one, fuller. While a writer lingers, what arrives is its
     * own. Closing drains the queue regardless. Called with the lock held.
     */
    private boolean mayBegin() {
        return !queue.isEmpty() && (!open || lingering == 0 && (executing == 0 || queue.size() >= inFlight));
    }

    /** Moves queued requests into this writer's batch, where they count as in flight. */
    private void drain(List<Pending<R>> drained) {
        while (drained.size() < maxBatch && !queue.isEmpty()) {
            drained.add(queue.poll());
            inFlight++;
        }
    }

    private void finished(int requests) {
        if (requests == 0) {
            return;
        }
        lock.lock();
        try {
            inFlight -= requests;
            if (mayBegin()) {
                ready.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs the batch {@link #take} counted as executing, and makes sure it no longer counts when it ends. */
    private void run(List<Pending<R>> drained, BatchSession session) {
        boolean[] executingNow = {true};
        try {
            run(drained, session, executingNow);
        } finally {
            executing(executingNow, false);
        }
    }

    private void run(List<Pending<R>> drained, BatchSession session, boolean[] executingNow) {
        List<R> requests = drained.stream().map(Pending::request).toList();
        boolean[] began = {false};
        List<T> results;
        try {
            results = session.inTransaction(() -> {
                began[0] = true;
                executing(executingNow, true); // again, when the database runs the transaction a second time
                List<T> answered = batch.apply(requests);
                if (answered.size() != requests.size()) {
                    throw new IllegalStateException("A batch of " + requests.size() + " answered " + answered.size());
                }
                executing(executingNow, false); // what is left is the commit
                return answered;
            });
        } catch (RuntimeException failure) {
            if (!began[0] || unitOfWork.isUnreachable(failure)) {
                // No transaction could begin, or it lost the database midway (unreachable): no request is to
                // blame, and running each alone would only wait for the database again. Each caller gets the
                // failure, and so does what queued while the writer waited (it would wait as long again); what
                // comes in the next second runs alone on its caller's thread, so callers wait side by side, not
                // behind the writers.
                stats.failedBatch(0);
                bypassUntil = System.nanoTime() + BYPASS_NANOS;
                List<Pending<R>> waiting = new ArrayList<>(drained);
                lock.lock();
                try {
                    waiting.addAll(queue);
                    queue.clear();
                } finally {
                    lock.unlock();
                }
                waiting.forEach(pending -> pending.result().completeExceptionally(failure));
                return;
            }
            stats.failedBatch(drained.size());
            // a concurrent change (a callback and a webhook settling one payment at once) is an expected race
            // the one-by-one run answers; anything else is worth an operator's look
            LOG.log(failure instanceof ConcurrentChangeException ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
                    Thread.currentThread().getName() + ": a batch of " + drained.size()
                            + " failed and was rolled back; its requests run one by one", failure);
            drained.forEach(pending -> pending.result().complete(ALONE));
            return;
        }
        stats.batch(drained.size());
        for (int i = 0; i < drained.size(); i++) {
            drained.get(i).result().complete(results.get(i));
        }
    }

    /**
     * Counts this writer's batch as executing or not ({@code executingNow} holds which it is; nothing changes when
     * it already is); when it stops, another writer may begin.
     */
    private void executing(boolean[] executingNow, boolean now) {
        if (executingNow[0] == now) {
            return;
        }
        lock.lock();
        try {
            executing += now ? 1 : -1;
            executingNow[0] = now;
            if (!now && mayBegin()) {
                ready.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops taking requests, lets the writers finish the queued ones, and waits for them (about 30 s at most). */
    @Override
    public void close() {
        lock.lock();
        try {
            open = false;
            ready.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            for (Thread writer : writers) {
                writer.join(30_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Pending<R>(R request, CompletableFuture<Object> result) {
    }
}

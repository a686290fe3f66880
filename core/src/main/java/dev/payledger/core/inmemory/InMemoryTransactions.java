package dev.payledger.core.inmemory;

import dev.payledger.core.common.UnitOfWork;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The in-memory unit of work: one lock makes transactions serial (the strictest isolation there is), and an
 * undo log per transaction rolls every port back when the work throws. Ports called outside a transaction
 * run in one of their own. Thread-safe.
 */
public final class InMemoryTransactions implements UnitOfWork {
    private final ReentrantLock lock = new ReentrantLock();
    private final ThreadLocal<Deque<Runnable>> undoLog = new ThreadLocal<>();

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (undoLog.get() != null) {
            return work.get();
        }
        lock.lock();
        Deque<Runnable> undo = new ArrayDeque<>();
        undoLog.set(undo);
        try {
            return work.get();
        } catch (RuntimeException | Error e) {
            while (!undo.isEmpty()) {
                undo.pop().run();
            }
            throw e;
        } finally {
            undoLog.remove();
            lock.unlock();
        }
    }

    @Override
    public boolean isActive() {
        return undoLog.get() != null;
    }

    void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    /** Registers how to undo a change just made; must be called inside {@link #inTransaction}. */
    void onRollback(Runnable undo) {
        Deque<Runnable> log = undoLog.get();
        if (log == null) {
            throw new IllegalStateException("In-memory writes must run inside a transaction");
        }
        log.push(undo);
    }
}

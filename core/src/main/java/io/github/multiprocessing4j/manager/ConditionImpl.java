package io.github.multiprocessing4j.manager;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The manager's side of a {@link ManagedCondition}: a {@link ReentrantLock} and its condition, owned by the
 * manager thread that serves the caller's connection (one per thread of each process).
 */
final class ConditionImpl implements ManagedCondition, SessionBound {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition condition = lock.newCondition();

    @Override
    public void acquire() {
        lock.lock();
    }

    @Override
    public boolean acquire(Duration timeout) throws InterruptedException {
        if (timeout == null) {
            lock.lockInterruptibly();
            return true;
        }
        return lock.tryLock(io.github.multiprocessing4j.internal.time.Durations.toNanosSaturated(timeout),
                TimeUnit.NANOSECONDS);
    }

    @Override
    public void release() {
        held("release");
        lock.unlock();
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        held("await");
        if (timeout == null) {
            condition.await();
            return true;
        }
        return condition.await(io.github.multiprocessing4j.internal.time.Durations.toNanosSaturated(timeout),
                TimeUnit.NANOSECONDS);
    }

    @Override
    public void signal(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("signal(n) needs n >= 0: n=" + n);
        }
        held("signal");
        for (int i = 0; i < n && lock.hasWaiters(condition); i++) {
            condition.signal();
        }
    }

    @Override
    public void signalAll() {
        held("signalAll");
        condition.signalAll();
    }

    private void held(String what) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("cannot " + what + " a managed condition whose lock this thread does"
                    + " not hold (Python: RuntimeError): call acquire() first");
        }
    }

    @Override
    public void sessionEnded() {
        while (lock.isHeldByCurrentThread()) {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "Condition[" + lock + "]";
    }
}

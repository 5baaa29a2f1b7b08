package io.github.multiprocessing4j.cluster;

import java.time.Duration;

/**
 * A counting semaphore shared by every program connected to one cluster (Python: {@code multiprocessing.Semaphore},
 * with the method names of {@link io.github.multiprocessing4j.manager.ManagedSemaphore}): a count of free permits
 * in a {@link ClusterLongValue} (an {@code IMap} entry with one synchronous backup), taken and given back by
 * compare-and-set. The initial value counts only when the semaphore is first created in the cluster; later
 * {@code pool.semaphore(name, n)} calls get the existing one.
 *
 * <p>What it promises (the open-source edition has no CP subsystem): while the cluster is whole, never more permits
 * taken than given. Unlike {@link ClusterLock}, a permit is <b>not</b> given back when its holder's program dies (as
 * with Python's semaphore when a process dies holding it): release in {@code finally}, and wait with a timeout
 * when holders may die. Under a network partition each side counts on its own. {@code acquire} polls about every
 * 25 ms; the rest is one or a few round trips. Not bounded: {@link #release()} may raise the count above the
 * initial value (Python's {@code Semaphore}, not {@code BoundedSemaphore}). Thread-safe.
 */
public final class ClusterSemaphore {
    private final ClusterLongValue permits;

    ClusterSemaphore(ClusterLongValue permits) {
        this.permits = permits;
    }

    /**
     * Takes a permit, waiting for one.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    public void acquire() throws InterruptedException {
        Poll.until(this::tryAcquire);
    }

    /**
     * Takes a permit, waiting at most {@code timeout} (Python: {@code acquire(timeout=...)}).
     *
     * @param timeout how long to wait
     * @return whether a permit was taken
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean acquire(Duration timeout) throws InterruptedException {
        return Poll.until(this::tryAcquire, timeout);
    }

    /**
     * Takes a permit if one is free (Python: {@code acquire(block=False)}).
     *
     * @return whether a permit was taken
     */
    public boolean tryAcquire() {
        while (true) {
            long free = permits.get();
            if (free <= 0) {
                return false;
            }
            if (permits.compareAndSet(free, free - 1)) {
                return true;
            }
        }
    }

    /** Gives a permit back (one waiter, if any, takes it within about 25 ms). */
    public void release() {
        permits.addAndGet(1);
    }

    /**
     * The permits free now (Python: {@code get_value()}).
     *
     * @return the count
     */
    public long getValue() {
        return permits.get();
    }

    /**
     * The semaphore's cluster-wide name.
     *
     * @return the name
     */
    public String name() {
        return permits.name();
    }
}

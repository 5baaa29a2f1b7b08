package io.github.multiprocessing4j.cluster;

import com.hazelcast.collection.IQueue;
import java.time.Duration;

/**
 * A {@link ClusterQueue} that counts unfinished items (Python: {@code multiprocessing.JoinableQueue}, with the
 * method names of {@link io.github.multiprocessing4j.ipc.JoinableQueue}): each {@code put} adds one, each
 * {@link #taskDone()} takes one off, and {@link #join()} waits until the count is 0. The count is a
 * {@link ClusterLongValue} beside the queue (same storage and backup), changed by compare-and-set, so it is exact
 * while the cluster is whole.
 *
 * <p><b>When a consumer dies</b> after {@code get} and before {@code taskDone}, its item stays unfinished: a
 * {@code join()} without a timeout then waits for ever, as in Python; use {@link #join(Duration)} when consumers
 * may die. {@code join} polls the count about every 25 ms. Thread-safe.
 *
 * @param <T> the item type
 */
public final class ClusterJoinableQueue<T> extends ClusterQueue<T> {
    private final ClusterLongValue unfinished;

    ClusterJoinableQueue(IQueue<byte[]> queue, ClusterValues values, ClusterLongValue unfinished) {
        super(queue, values);
        this.unfinished = unfinished;
    }

    /** Puts an item and counts it as unfinished (before it can be taken, so the count never goes below 0). */
    @Override
    public void put(T item) throws InterruptedException {
        unfinished.addAndGet(1);
        try {
            super.put(item);
        } catch (InterruptedException | RuntimeException e) {
            unfinished.addAndGet(-1);
            throw e;
        }
    }

    /** Puts an item without waiting and counts it as unfinished. */
    @Override
    public void putNowait(T item) {
        unfinished.addAndGet(1);
        try {
            super.putNowait(item);
        } catch (RuntimeException e) {
            unfinished.addAndGet(-1);
            throw e;
        }
    }

    /**
     * Marks one item taken with {@code get} as finished (Python: {@code task_done()}).
     *
     * @throws IllegalStateException when called more times than items were put (Python: {@code ValueError})
     */
    public void taskDone() {
        while (true) {
            long count = unfinished.get();
            if (count <= 0) {
                throw new IllegalStateException("taskDone() called more times than items were put in cluster queue "
                        + name());
            }
            if (unfinished.compareAndSet(count, count - 1)) {
                return;
            }
        }
    }

    /**
     * The number of items put and not yet marked finished.
     *
     * @return the count
     */
    public long unfinished() {
        return unfinished.get();
    }

    /**
     * Waits until every item put has been marked finished.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    public void join() throws InterruptedException {
        Poll.until(() -> unfinished.get() <= 0);
    }

    /**
     * Waits at most {@code timeout} until every item put has been marked finished.
     *
     * @param timeout how long to wait
     * @return whether the count reached 0 in time
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean join(Duration timeout) throws InterruptedException {
        return Poll.until(() -> unfinished.get() <= 0, timeout);
    }
}

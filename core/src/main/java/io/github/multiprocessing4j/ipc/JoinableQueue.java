package io.github.multiprocessing4j.ipc;

import io.github.multiprocessing4j.internal.shm.Segment;
import io.github.multiprocessing4j.internal.shm.Waiter;
import java.time.Duration;

/**
 * A {@link Queue} that counts unfinished tasks (Python: {@code multiprocessing.JoinableQueue}): each put adds one,
 * each {@link #taskDone()} removes one, and {@link #join()} waits for zero.
 *
 * <p>The count lives in the queue's shared memory. {@link #join()} waits with the same spin-then-park backoff as
 * {@code get}; a consumer that dies between {@code get} and {@code taskDone} leaves the count above zero, so use
 * {@link #join(Duration)} when that can happen. Otherwise as {@link Queue}.
 *
 * @param <T> the type of the items
 */
public final class JoinableQueue<T> extends Queue<T> {
    private static final long serialVersionUID = 1L;

    /** An unbounded joinable queue. */
    public JoinableQueue() {
        this(0);
    }

    /**
     * A joinable queue that holds at most {@code maxsize} items; 0 means no limit.
     *
     * @param maxsize the item limit
     * @throws java.io.UncheckedIOException when the shared-memory directory ({@code /dev/shm}) cannot supply the
     *     memory (full or too small); the message names the directory and the size in bytes
     */
    public JoinableQueue(int maxsize) {
        super(JOINABLE, maxsize, DEFAULT_CAPACITY);
    }

    JoinableQueue(Segment segment) {
        super(segment, JOINABLE);
    }

    @Override
    boolean offer(T item, Waiter waiter) throws InterruptedException {
        ring.addUnfinished(1);
        boolean put = false;
        try {
            put = super.offer(item, waiter);
            return put;
        } finally {
            if (!put) {
                ring.addUnfinished(-1);
            }
        }
    }

    /**
     * Marks one task taken from the queue as done (Python: {@code task_done()}).
     *
     * @throws IllegalStateException when called more often than items were put
     */
    public void taskDone() {
        attachment.open();
        if (!ring.taskDone()) {
            throw new IllegalStateException("task_done() called too many times: name=" + name());
        }
    }

    /**
     * Waits until every item put has been marked done.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void join() throws InterruptedException {
        join(Waiter.forever());
    }

    /**
     * Waits at most {@code timeout} until every item put has been marked done.
     *
     * @param timeout how long to wait
     * @return whether the count reached zero
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean join(Duration timeout) throws InterruptedException {
        return join(Waiter.upTo(timeout));
    }

    private boolean join(Waiter waiter) throws InterruptedException {
        attachment.open();
        // a consumer that died before taskDone is not detected (see the class comment): no liveness check
        return waiter.await(() -> ring.unfinished() <= 0, Waiter.NO_CHECK) == Waiter.Outcome.DONE;
    }
}

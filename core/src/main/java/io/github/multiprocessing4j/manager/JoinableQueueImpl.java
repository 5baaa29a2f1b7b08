package io.github.multiprocessing4j.manager;

import io.github.multiprocessing4j.internal.time.Durations;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The manager-side joinable queue: a blocking queue with a count of unfinished items. */
final class JoinableQueueImpl<E> extends LinkedBlockingQueue<E> implements ManagedJoinableQueue<E> {
    private static final long serialVersionUID = 1L;
    private final Object monitor = new Object();
    private long unfinished;

    @Override
    public boolean offer(E e) {
        synchronized (monitor) {
            if (!super.offer(e)) {
                return false;
            }
            unfinished++;
            return true;
        }
    }

    @Override
    public void put(E e) {
        if (!offer(e)) {
            throw new IllegalStateException("a managed joinable queue is unbounded; offer cannot fail");
        }
    }

    @Override
    public boolean offer(E e, long timeout, TimeUnit unit) {
        return offer(e);
    }

    @Override
    public boolean add(E e) {
        return offer(e);
    }

    @Override
    public void taskDone() {
        synchronized (monitor) {
            if (unfinished == 0) {
                throw new IllegalStateException("taskDone() called more times than items were put (Python:"
                        + " ValueError)");
            }
            if (--unfinished == 0) {
                monitor.notifyAll();
            }
        }
    }

    @Override
    public boolean join(Duration timeout) throws InterruptedException {
        long deadline = Durations.deadline(timeout);
        synchronized (monitor) {
            while (unfinished > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(monitor, left);
            }
            return true;
        }
    }
}

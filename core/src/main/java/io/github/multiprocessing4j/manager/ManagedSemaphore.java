package io.github.multiprocessing4j.manager;

import java.time.Duration;

/**
 * A managed semaphore (Python: {@code manager.Semaphore(value)} and {@code BoundedSemaphore(value)}). Blocking
 * calls block in the manager, on this thread's own connection.
 */
public interface ManagedSemaphore {
    /**
     * Takes a permit, waiting at most {@code timeout} (Python: {@code acquire(timeout=...)}).
     *
     * @param timeout how long to wait
     * @return whether a permit was taken
     * @throws InterruptedException if interrupted in the manager
     */
    boolean acquire(Duration timeout) throws InterruptedException;

    /**
     * Gives a permit back.
     *
     * @throws IllegalStateException for a bounded semaphore already at its initial value
     */
    void release();

    /**
     * The permits free now (Python: {@code get_value()}).
     *
     * @return the count
     */
    int getValue();
}

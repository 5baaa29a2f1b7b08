package io.github.multiprocessing4j.manager;

import java.time.Duration;

/**
 * A managed event (Python: {@code manager.Event()}, a proxy of {@code threading.Event}). {@link #await} blocks in
 * the manager, on this thread's own connection; when the manager dies it fails.
 */
public interface ManagedEvent {
    /** Sets the flag and wakes every waiter. */
    void set();

    /** Clears the flag. */
    void clear();

    /**
     * Whether the flag is set.
     *
     * @return the flag
     */
    boolean isSet();

    /**
     * Waits until the flag is set, at most {@code timeout} (Python: {@code wait(timeout)}).
     *
     * @param timeout how long to wait
     * @return the flag
     * @throws InterruptedException if interrupted in the manager
     */
    boolean await(Duration timeout) throws InterruptedException;
}

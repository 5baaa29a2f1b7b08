package io.github.multiprocessing4j.manager;

import java.time.Duration;

/**
 * A managed barrier (Python: {@code manager.Barrier(parties)}). {@link #await} blocks in the manager, on this
 * thread's own connection.
 */
public interface ManagedBarrier {
    /**
     * Waits until {@code parties} callers wait, at most {@code timeout}.
     *
     * @param timeout how long to wait
     * @return the arrival index, as Python's {@code wait()} returns
     * @throws Exception when broken or timed out ({@code BrokenBarrierException}, {@code TimeoutException})
     */
    int await(Duration timeout) throws Exception;

    /**
     * The number of parties.
     *
     * @return Python's {@code parties}
     */
    int parties();
}

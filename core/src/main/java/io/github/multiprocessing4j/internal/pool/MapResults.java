package io.github.multiprocessing4j.internal.pool;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeoutException;

/**
 * The results of a map as they come: a pool's streaming map or an executor's submitted map, behind the one public
 * iterator type.
 *
 * @param <R> the result type
 */
public interface MapResults<R> extends Iterator<R>, AutoCloseable {
    /**
     * The next result, waiting at most {@code timeout}.
     *
     * @param timeout how long to wait
     * @return the result
     * @throws TimeoutException when the timeout passed first
     * @throws InterruptedException if interrupted while waiting
     */
    R next(Duration timeout) throws TimeoutException, InterruptedException;

    /** Ends the iteration; chunks not yet done are dropped. */
    @Override
    void close();
}

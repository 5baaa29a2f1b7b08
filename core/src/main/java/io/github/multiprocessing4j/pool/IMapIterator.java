package io.github.multiprocessing4j.pool;

import io.github.multiprocessing4j.exception.TaskTimeoutException;
import io.github.multiprocessing4j.exception.WorkerDiedException;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeoutException;

/**
 * The results of {@link Pool#imap} or {@link Pool#imapUnordered}, as they come (Python:
 * {@code multiprocessing.pool.IMapIterator}).
 *
 * <p>The input is read lazily on the thread that iterates, a few chunks ahead of the results (eight per worker),
 * so a large or endless input ({@code stream::iterator}) takes bounded memory: while the consumer does not ask for
 * results, the pool does not read further. {@link #next()} returns an element's result or throws its exception
 * ({@link io.github.multiprocessing4j.exception.ChildProcessException}, {@link WorkerDiedException},
 * {@link TaskTimeoutException}); iteration may go on after an exception, as in Python. An exception thrown by the
 * input itself, or a null element ({@code NullPointerException}), is thrown at its position, after the results
 * before it; the chunks already sent run to completion.
 *
 * <p>Elements are serialized in chunks as the input is read and results deserialized as they arrive; the function
 * is serialized once. {@link #next()} blocks until the next result is there; {@link #next(Duration)} at most that
 * long. A dead worker or a timeout fails only the elements of its chunk, each with the same exception.
 *
 * <p>{@link ProcessPoolExecutor#map} returns one too, but reads its whole input and submits every task when it is
 * called, as Python's {@code Executor.map} does, and ends at the first exception (see there).
 *
 * <p>For one consumer thread. {@link #close()} drops the chunks not yet started (running ones finish).
 *
 * @param <R> the result type
 */
public interface IMapIterator<R> extends Iterator<R>, AutoCloseable {
    /**
     * The next result, waiting at most {@code timeout} (Python: {@code next(timeout)}).
     *
     * @param timeout how long to wait
     * @return the next result
     * @throws TimeoutException when no result came in time (the iteration may be resumed)
     * @throws InterruptedException when interrupted while waiting
     * @throws java.util.NoSuchElementException when there are no more results
     */
    R next(Duration timeout) throws TimeoutException, InterruptedException;

    /** Stops: the chunks not yet started are dropped. */
    @Override
    void close();
}

package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.internal.time.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * {@code ProcessPoolExecutor.map}, as Python's {@code Executor.map}: the whole input is read, encoded and submitted
 * when the call is made (the tasks run even if the results are never asked for), and the results are handed out in
 * input order. A {@code timeout} counts from the call. An element's exception, or the timeout, is thrown by
 * {@code next()} and ends the iteration: the chunks not yet started are dropped, as Python's generator cancels the
 * futures left when it ends.
 *
 * @param <R> the element result type
 */
public final class SubmittedMap<R> implements MapResults<R> {
    private final PoolCore core;
    private final List<TaskUnit> units = new ArrayList<>();
    private final Outcomes[] chunks;
    private final int size;
    private final int chunksize;
    private final long deadline;
    private final Duration timeout;
    private final Object monitor = new Object();
    private int position;
    private boolean over;

    private SubmittedMap(PoolCore core, int size, int chunksize, Duration timeout) {
        this.core = core;
        this.size = size;
        this.chunksize = chunksize;
        this.chunks = new Outcomes[size / chunksize + (size % chunksize == 0 ? 0 : 1)];
        this.timeout = timeout;
        this.deadline = timeout == null ? 0 : Durations.deadline(timeout);
    }

    /**
     * Encodes every element and submits every chunk.
     *
     * @param elements per element its argument for a one-argument function, else the array of its arguments
     * @param timeoutNanos the pool's limit per element (a chunk gets it times its length), or 0
     * @param timeout how long after this call the last result may come, or null for no limit
     * @throws io.github.multiprocessing4j.exception.SerializationFailedException naming the element that cannot
     *     be serialized (nothing was submitted)
     */
    public static <R> SubmittedMap<R> submit(PoolCore core, FunctionRef function, Object[] elements,
            int chunksize, long timeoutNanos, Duration timeout) {
        int n = elements.length;
        SubmittedMap<R> map = new SubmittedMap<>(core, n, chunksize, timeout);
        for (int start = 0, index = 0; start < n; start = n - start <= chunksize ? n : start + chunksize, index++) {
            int end = n - start <= chunksize ? n : start + chunksize;
            ItemBlock.Encoded items = ItemBlock.arguments(elements, start, end, start, function);
            map.units.add(new TaskUnit(function, items, Durations.timesSaturated(timeoutNanos, end - start), start,
                    map.sink(index)));
        }
        if (n > 0) {
            core.submit(map.units);
        }
        return map;
    }

    private TaskUnit.Sink sink(int index) {
        return new TaskUnit.Sink() {
            @Override
            public void completed(TaskUnit unit, Outcomes outcomes) {
                arrived(index, outcomes);
            }

            @Override
            public void failed(TaskUnit unit, Throwable error) {
                arrived(index, Outcomes.failed(unit.count(), error));
            }
        };
    }

    private void arrived(int index, Outcomes outcomes) {
        synchronized (monitor) {
            chunks[index] = outcomes;
            monitor.notifyAll();
        }
    }

    @Override
    public boolean hasNext() {
        synchronized (monitor) {
            return !over && position < size;
        }
    }

    /**
     * The next result, waiting at most until the call's deadline.
     *
     * @throws CompletionException whose cause is a {@link TimeoutException} when the call's timeout passed first
     *     (Python: {@code TimeoutError}); the iteration is then over
     */
    @Override
    public R next() {
        try {
            return next(0, null);
        } catch (TimeoutException e) {
            throw new IllegalStateException("waiting without a timeout of its own cannot time out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the next result", e);
        }
    }

    /**
     * The next result, waiting at most {@code wait} (and never past the call's deadline).
     *
     * @throws TimeoutException when {@code wait} passed first (the iteration may be resumed)
     */
    @Override
    public R next(Duration wait) throws TimeoutException, InterruptedException {
        return next(Durations.deadline(wait), wait);
    }

    @SuppressWarnings("unchecked")
    private R next(long waitDeadline, Duration wait) throws TimeoutException, InterruptedException {
        Outcome outcome;
        synchronized (monitor) {
            if (over || position >= size) {
                throw new NoSuchElementException("no more results");
            }
            outcome = awaitLocked(waitDeadline, wait);
        }
        if (outcome == null) {
            close();
            throw new CompletionException(new TimeoutException("the map's results did not all come in time: timeout="
                    + timeout + " from the call, missing result " + position + " of " + size));
        }
        if (outcome.error() != null) {
            close();
        }
        if (outcome.error() instanceof RuntimeException) {
            throw (RuntimeException) outcome.error();
        } else if (outcome.error() instanceof Error) {
            throw (Error) outcome.error();
        }
        return (R) outcome.value();
    }

    /** The next outcome, or null when the call's deadline passed first; {@code wait} null: no limit of its own. */
    private Outcome awaitLocked(long waitDeadline, Duration wait) throws TimeoutException, InterruptedException {
        Outcomes chunk;
        while ((chunk = chunks[position / chunksize]) == null) {
            long now = System.nanoTime();
            long left = Long.MAX_VALUE;
            if (timeout != null) {
                left = deadline - now;
                if (left <= 0) {
                    return null;
                }
            }
            if (wait != null) {
                if (waitDeadline - now <= 0) {
                    throw new TimeoutException("no result in time: timeout=" + wait);
                }
                left = Math.min(left, waitDeadline - now);
            }
            monitor.wait(Math.max(1, Math.min(left / 1_000_000, 60_000)));
        }
        return chunk.get(position++ % chunksize);
    }

    /** Ends the iteration: the chunks not yet done are dropped (running ones finish in their workers). */
    @Override
    public void close() {
        synchronized (monitor) {
            over = true;
        }
        for (TaskUnit unit : units) {
            core.cancel(unit, false);
        }
    }
}

package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.internal.time.Durations;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * {@code imap} and {@code imapUnordered}: the input is read lazily on the consumer's thread, at most
 * {@code window} chunks are in the pool or waiting to be consumed at any time (so an endless input takes bounded
 * memory), and each element's outcome is handed out by {@link #next()}: its value, or its exception thrown there
 * (iteration may go on after it, as in Python). An exception from the input itself, or a null element, is thrown
 * at its position, after the results before it.
 *
 * @param <R> the element result type
 */
public final class StreamingMap<R> implements MapResults<R> {
    private final PoolCore core;
    private final FunctionRef function;
    private final Iterator<?> input;
    private final Function<Object, Object[]> toArgs;
    private final int chunksize;
    private final int window;
    private final boolean ordered;
    private final long timeoutNanos;
    private final ProgressSink progress;

    private final Object monitor = new Object();
    private final Map<Long, Outcome[]> done = new HashMap<>();
    private final ArrayDeque<Outcome[]> unorderedReady = new ArrayDeque<>();
    private final ArrayDeque<Outcome> current = new ArrayDeque<>();
    private final List<TaskUnit> live = new ArrayList<>();
    private long read;
    private long nextChunk;
    private long submittedChunks;
    private long consumedChunks;
    private RuntimeException inputFailure;
    private boolean inputDone;
    private boolean closed;

    /**
     * Creates the iterator; nothing is read or sent before the first {@code hasNext}/{@code next}.
     *
     * @param toArgs turns an input element into the function's arguments (throws NullPointerException for null)
     */
    public StreamingMap(PoolCore core, FunctionRef function, Iterator<?> input, Function<Object, Object[]> toArgs,
            int chunksize, boolean ordered, long timeoutNanos, ProgressSink progress) {
        this.core = core;
        this.function = function;
        this.input = input;
        this.toArgs = toArgs;
        this.chunksize = chunksize;
        this.window = 2 + 8 * core.config().processes();
        this.ordered = ordered;
        this.timeoutNanos = timeoutNanos;
        this.progress = progress;
    }

    @Override
    public boolean hasNext() {
        synchronized (monitor) {
            fill();
            return !current.isEmpty() || submittedChunks > consumedChunks || inputFailure != null;
        }
    }

    @Override
    public R next() {
        try {
            return next(null);
        } catch (TimeoutException e) {
            throw new IllegalStateException("waiting without a timeout cannot time out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the next result", e);
        }
    }

    /** The next result, waiting at most {@code timeout} (null: no limit). */
    @Override
    @SuppressWarnings("unchecked")
    public R next(Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = timeout == null ? Long.MAX_VALUE : Durations.deadline(timeout);
        Outcome outcome;
        synchronized (monitor) {
            while (true) {
                fill();
                if (!current.isEmpty()) {
                    outcome = current.poll();
                    break;
                }
                if (takeChunk()) {
                    continue;
                }
                if (submittedChunks == consumedChunks) {
                    if (inputFailure != null) {
                        RuntimeException failure = inputFailure;
                        inputFailure = null;
                        throw failure;
                    }
                    throw new NoSuchElementException("no more results");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("no result in time: timeout=" + timeout);
                }
                monitor.wait(Math.max(1, Math.min(left / 1_000_000, 60_000)));
            }
        }
        if (outcome.error() instanceof RuntimeException) {
            throw (RuntimeException) outcome.error();
        } else if (outcome.error() instanceof Error) {
            throw (Error) outcome.error();
        }
        return (R) outcome.value();
    }

    /** Moves the next deliverable chunk's outcomes to {@code current}; false when none is ready. */
    private boolean takeChunk() {
        if (ordered) {
            Outcome[] chunk = done.remove(nextChunk);
            if (chunk == null) {
                return false;
            }
            nextChunk++;
            consumedChunks++;
            current.addAll(List.of(chunk));
            return true;
        }
        Outcome[] chunk = unorderedReady.poll();
        if (chunk == null) {
            return false;
        }
        consumedChunks++;
        current.addAll(List.of(chunk));
        return true;
    }

    /** Reads and sends chunks while the window has room. */
    private void fill() {
        while (!closed && !inputDone && inputFailure == null && submittedChunks - consumedChunks < window) {
            List<Object[]> items = new ArrayList<>(Math.min(chunksize, 1024));
            long first = read;
            try {
                while (items.size() < chunksize && input.hasNext()) {
                    Object element = input.next();
                    if (element == null) {
                        throw new NullPointerException("null element in the input: index=" + read);
                    }
                    items.add(toArgs.apply(element));
                    read++;
                }
                if (items.size() < chunksize) {
                    inputDone = true;
                    progress.total(read);
                }
            } catch (RuntimeException e) {
                inputFailure = e;
            }
            if (items.isEmpty()) {
                return;
            }
            ItemBlock.Encoded encoded;
            try {
                encoded = ItemBlock.arguments(items, 0, items.size(), first, function);
            } catch (RuntimeException e) {
                inputFailure = e;
                return;
            }
            long chunk = submittedChunks++;
            TaskUnit unit = new TaskUnit(function, encoded, Durations.timesSaturated(timeoutNanos, items.size()), first, sink(chunk));
            live.add(unit);
            try {
                core.submit(List.of(unit));
            } catch (RuntimeException e) {
                live.remove(unit);
                submittedChunks--;
                inputFailure = e;
            }
        }
        if (inputDone && submittedChunks == consumedChunks) {
            progress.close();
        }
    }

    private TaskUnit.Sink sink(long chunk) {
        return new TaskUnit.Sink() {
            @Override
            public void completed(TaskUnit unit, Outcomes outcomes) {
                arrived(unit, chunk, outcomes.toArray());
            }

            @Override
            public void failed(TaskUnit unit, Throwable error) {
                arrived(unit, chunk, Outcomes.failed(unit.count(), error).toArray());
            }
        };
    }

    private void arrived(TaskUnit unit, long chunk, Outcome[] outcomes) {
        if (progress.isActive()) {
            progress.advance(outcomes.length);
        }
        synchronized (monitor) {
            live.remove(unit);
            if (ordered) {
                done.put(chunk, outcomes);
            } else {
                unorderedReady.add(outcomes);
            }
            monitor.notifyAll();
        }
    }

    @Override
    public void close() {
        List<TaskUnit> cancel;
        synchronized (monitor) {
            closed = true;
            cancel = new ArrayList<>(live);
        }
        for (TaskUnit unit : cancel) {
            core.cancel(unit, false);
        }
        progress.close();
    }
}

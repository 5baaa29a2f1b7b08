package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.internal.time.Durations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@code map}/{@code starmap} call: the whole input, encoded in the caller (so a bad element fails before
 * anything is sent), cut into chunks, and gathered back in input order. The first failing element fails the
 * call at once; the chunks not yet sent are then dropped, the ones running finish and are ignored.
 *
 * @param <R> the element result type
 */
public final class MapJob<R> {
    private final PoolCore core;
    private final Object[] results;
    private final CompletableFuture<List<R>> future = new CompletableFuture<>();
    private final List<TaskUnit> units = new ArrayList<>();
    private final AtomicInteger remaining;
    private final ProgressSink progress;

    private MapJob(PoolCore core, int size, int chunks, ProgressSink progress) {
        this.core = core;
        this.results = new Object[size];
        this.remaining = new AtomicInteger(chunks);
        this.progress = progress;
    }

    /**
     * The elements of a map's input, read at once in this thread into a new array of their own: a collection copies
     * itself (one array copy, no iteration per element); any other iterable is iterated.
     */
    public static Object[] elements(Iterable<?> inputs) {
        Object[] elements;
        if (inputs instanceof Collection) {
            elements = ((Collection<?>) inputs).toArray();
        } else {
            List<Object> read = new ArrayList<>();
            inputs.forEach(read::add);
            elements = read.toArray();
        }
        // an array of a narrower type would refuse the argument arrays a starmap stores in it
        return elements.getClass() == Object[].class ? elements : Arrays.copyOf(elements, elements.length,
                Object[].class);
    }

    /** Python's default chunk size for map: ceil(n / (4 * workers)). */
    public static int defaultChunksize(int n, int processes) {
        if (n == 0) {
            return 1;
        }
        long per = 4L * processes;
        return (int) ((n + per - 1) / per);
    }

    /**
     * Encodes, submits and returns the call's future.
     *
     * @param elements per element its argument for a one-argument function, else the array of its arguments
     * @param timeoutNanos the limit per element (a chunk gets it times its length), or 0
     * @throws io.github.multiprocessing4j.exception.SerializationFailedException naming the element that cannot be serialized
     */
    public static <R> MapJob<R> submit(PoolCore core, FunctionRef function, Object[] elements,
            int chunksize, long timeoutNanos, ProgressSink progress) {
        int n = elements.length;
        // no n + chunksize or start + chunksize: a chunksize near Integer.MAX_VALUE would overflow
        int chunks = n / chunksize + (n % chunksize == 0 ? 0 : 1);
        MapJob<R> job = new MapJob<>(core, n, chunks, progress);
        for (int start = 0; start < n; start = n - start <= chunksize ? n : start + chunksize) {
            int end = n - start <= chunksize ? n : start + chunksize;
            ItemBlock.Encoded items = ItemBlock.arguments(elements, start, end, start, function);
            job.units.add(new TaskUnit(function, items, Durations.timesSaturated(timeoutNanos, end - start), start,
                    job.sink()));
        }
        if (n == 0) {
            progress.close();
            job.future.complete(Collections.emptyList());
            return job;
        }
        core.submit(job.units);
        return job;
    }

    /** Completes with the results in input order, or with the first failure. */
    public CompletableFuture<List<R>> future() {
        return future;
    }

    /**
     * Cancels the call: chunks not yet started are dropped; running ones are killed when {@code interrupt}.
     *
     * @return false when the call had already ended
     */
    public boolean cancel(boolean interrupt) {
        if (future.isDone()) {
            return false;
        }
        future.completeExceptionally(new java.util.concurrent.CancellationException("the map was cancelled"));
        for (TaskUnit unit : units) {
            core.cancel(unit, interrupt);
        }
        return true;
    }

    private TaskUnit.Sink sink() {
        return new TaskUnit.Sink() {
            @Override
            public void completed(TaskUnit unit, Outcomes outcomes) {
                // straight into the result's slots; the first failing element fails the call
                Throwable error = outcomes.copyTo(results, (int) unit.firstIndex());
                if (error != null) {
                    fail(error);
                }
                ended(outcomes.count());
            }

            @Override
            public void failed(TaskUnit unit, Throwable error) {
                fail(error);
                ended(unit.count());
            }
        };
    }

    private void fail(Throwable error) {
        if (future.completeExceptionally(error)) {
            for (TaskUnit unit : units) {
                core.cancel(unit, false);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void ended(int elements) {
        if (progress.isActive()) {
            progress.advance(elements);
        }
        if (remaining.decrementAndGet() == 0) {
            progress.close();
            future.complete((List<R>) Collections.unmodifiableList(Arrays.asList(results)));
        } else if (future.isDone()) {
            progress.close();
        }
    }
}

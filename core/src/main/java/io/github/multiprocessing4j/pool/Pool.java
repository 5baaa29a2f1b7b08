package io.github.multiprocessing4j.pool;

import io.github.multiprocessing4j.internal.time.Durations;
import io.github.multiprocessing4j.exception.PoolBrokenException;
import io.github.multiprocessing4j.exception.TaskTimeoutException;
import io.github.multiprocessing4j.exception.WorkerDiedException;
import io.github.multiprocessing4j.function.SerializableBiFunction;
import io.github.multiprocessing4j.function.SerializableCallable;
import io.github.multiprocessing4j.function.SerializableFunction;
import io.github.multiprocessing4j.internal.pool.FunctionCache;
import io.github.multiprocessing4j.internal.pool.FunctionRef;
import io.github.multiprocessing4j.internal.pool.MapJob;
import io.github.multiprocessing4j.internal.pool.PoolCore;
import io.github.multiprocessing4j.internal.pool.ProgressSink;
import io.github.multiprocessing4j.internal.pool.StreamingMap;
import io.github.multiprocessing4j.internal.pool.TaskFuture;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A pool of worker JVMs that run tasks (Python: {@code multiprocessing.pool.Pool}).
 *
 * <pre>{@code
 * try (Pool pool = new Pool(4)) {
 *     List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));
 *     AsyncResult<String> r = pool.applyAsync(() -> Multiprocessing.currentProcess().getName());
 *     System.out.println(squares + " " + r.get(Duration.ofSeconds(5)));
 * }
 * }</pre>
 *
 * <h2>Lifecycle</h2>
 * <pre>
 *   running --close()--&gt; closed: queued tasks finish, then workers exit --&gt; joined
 *      |                     (close() waits for that; join() returns at once)
 *      +--terminate()--&gt; terminated: workers killed, unfinished tasks cancelled --&gt; joined
 *      +--initializer fails, or workers cannot start--&gt; broken (PoolBrokenException)
 * </pre>
 * Submitting to a pool that is not running throws {@link IllegalStateException}; {@link #join()} before
 * {@link #close()} or {@link #terminate()} too. Python differs: its {@code close()} does not wait, and its
 * {@code with} block calls {@code terminate()}; here try-with-resources calls {@link #close()}, which waits for
 * the submitted tasks.
 *
 * <h2>What crosses the process boundary</h2>
 * Each task's function ({@link SerializableFunction} and friends, usually a lambda), its arguments and its result
 * are serialized. An unserializable function or argument fails the call at once, naming the culprit; an
 * unserializable result fails only that task (the worker goes on) with a
 * {@link io.github.multiprocessing4j.exception.SerializationFailedException} naming the result and the reason
 * (Python: {@code MaybeEncodingError}). A lambda is serialized once in this JVM; a worker decodes a call's
 * function once for the chunks it runs in a row and keeps nothing of a task (function, arguments, captured
 * values) once the call has no more chunks for it, as Python's workers do.
 *
 * <h2>When a worker dies, a task hangs, or the parent dies</h2>
 * A worker that dies ({@code System.exit}, {@code Runtime.halt}, a signal, a JVM crash, {@code OutOfMemoryError})
 * fails only the task it was running, with {@link WorkerDiedException} carrying the exit code or signal; the
 * tasks queued behind it go to other workers and a replacement starts. A task that runs past its timeout
 * ({@link Builder#taskTimeout}, {@link MapOptions#timeout}) has its worker killed and replaced and fails with
 * {@link TaskTimeoutException}; {@link AsyncResult#cancel(boolean) cancel(true)} does the same. Every task ends,
 * with a result or an exception. When this JVM exits, its pools are terminated; when it is killed (SIGKILL), its
 * workers notice within about 100 ms and kill themselves and what their tasks started. A pool that is dropped
 * without {@link #close()} or {@link #terminate()} keeps its workers until this JVM exits (as in Python, garbage
 * collection does not end it).
 *
 * <h2>Tasks may start processes</h2>
 * Unlike Python's, workers are not daemons: a task may start a {@link io.github.multiprocessing4j.Process} or a
 * nested pool. Rule: whatever a task started is killed (with its descendants) when its worker is retired
 * (close, {@code maxTasksPerChild}, memory limit), killed (timeout, cancel, terminate) or loses its parent. A
 * worker that dies on its own (crash, {@code System.exit}) leaves that to its children: daemon children end at
 * once, non-daemon ones run their target to the end, as for any process whose parent died.
 *
 * <h2>Queueing</h2>
 * Tasks wait in this JVM until a worker is free, so a free worker always takes the oldest task. To keep workers
 * busy, a worker may also hold queued tasks behind the one it runs: one, or up to seven while its tasks take under
 * 200 microseconds. Such a task waits for the one ahead of it; if that one kills its worker or times out, the
 * tasks behind it go back to the queue and run elsewhere.
 *
 * <h2>Threads</h2>
 * Thread-safe. Blocking calls ({@code apply}, {@code map}, {@code starmap}, {@code close}, {@code join}) wait
 * without a limit; use the async forms with {@link AsyncResult#get(Duration)} to bound a wait. Callbacks and
 * progress listeners run on the thread that reads a worker's results: keep them short, and do not call
 * {@link #close()} or {@link #join()} from them.
 */
public final class Pool implements TaskPool {
    private final PoolCore core;
    private final long defaultTimeoutNanos;

    /** A pool of {@link io.github.multiprocessing4j.Multiprocessing#cpuCount()} workers. */
    public Pool() {
        this(builder());
    }

    /**
     * A pool of {@code processes} workers (Python: {@code Pool(processes)}).
     *
     * @param processes at least 1
     * @throws IllegalArgumentException when {@code processes < 1}
     */
    public Pool(int processes) {
        this(builder().processes(processes));
    }

    Pool(PoolBuilder<?> settings) {
        this.core = new PoolCore(settings.config("PoolWorker", false));
        this.defaultTimeoutNanos = core.config().taskTimeoutNanos();
    }

    /**
     * Settings beyond the number of workers: initializer, {@code maxTasksPerChild}, memory limit, task timeout,
     * JVM options.
     *
     * @return a builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Settings of a {@link Pool}; frozen by {@link #build()}. */
    public static final class Builder extends PoolBuilder<Builder> {
        Builder() {
        }

        /**
         * Starts the pool's workers.
         *
         * @return the pool
         * @throws io.github.multiprocessing4j.exception.ProcessStartException when the JVMs cannot start (bad JVM options)
         * @throws io.github.multiprocessing4j.exception.SerializationFailedException when the initializer is not serializable
         */
        public Pool build() {
            return new Pool(this);
        }
    }

    /**
     * Runs a task in a worker and waits for its result (Python: {@code apply(func)}).
     *
     * @param task the task
     * @param <R> the result type
     * @return its result
     * @throws InterruptedException when interrupted while waiting (the task goes on)
     */
    @Override
    public <R> R apply(SerializableCallable<R> task) throws InterruptedException {
        return applyAsync(task).get();
    }

    /**
     * Runs {@code function(argument)} in a worker and waits for its result (Python: {@code apply(func, (arg,))}).
     *
     * @param function the function
     * @param argument its argument
     * @param <T> the argument type
     * @param <R> the result type
     * @return its result
     * @throws InterruptedException when interrupted while waiting (the task goes on)
     */
    @Override
    public <T, R> R apply(SerializableFunction<T, R> function, T argument) throws InterruptedException {
        return applyAsync(function, argument).get();
    }

    /**
     * Queues a task (Python: {@code apply_async(func)}).
     *
     * @param task the task
     * @param <R> the result type
     * @return its pending result
     */
    @Override
    public <R> AsyncResult<R> applyAsync(SerializableCallable<R> task) {
        return submit(task, 0, new Object[0], defaultTimeoutNanos);
    }

    /**
     * Queues a task that is killed with its worker if it runs longer than {@code timeout}.
     *
     * @param task the task
     * @param timeout the time limit of the task once it runs
     * @param <R> the result type
     * @return its pending result; a timeout ends it with {@link TaskTimeoutException}
     */
    public <R> AsyncResult<R> applyAsync(SerializableCallable<R> task, Duration timeout) {
        return submit(task, 0, new Object[0], Durations.toNanosSaturated(positive(timeout)));
    }

    /**
     * Queues {@code function(argument)} (Python: {@code apply_async(func, (arg,))}).
     *
     * @param function the function
     * @param argument its argument
     * @param <T> the argument type
     * @param <R> the result type
     * @return its pending result
     */
    @Override
    public <T, R> AsyncResult<R> applyAsync(SerializableFunction<T, R> function, T argument) {
        return submit(function, 1, new Object[] {argument}, defaultTimeoutNanos);
    }

    private <R> AsyncResult<R> submit(Object function, int arity, Object[] args, long timeoutNanos) {
        FunctionRef ref = FunctionCache.of(Objects.requireNonNull(function, "task"), arity);
        TaskFuture<R> future = TaskFuture.submit(core, ref, args, timeoutNanos, null);
        return new AsyncResult<>(future, future::cancel);
    }

    /**
     * Applies {@code function} to every element, in chunks, and returns the results in input order (Python:
     * {@code map(func, iterable)}, with its default chunk size ceil(n / (4 * workers))).
     *
     * @param function the function
     * @param inputs the elements, read at once in this thread; none may be null
     * @param <T> the element type
     * @param <R> the result type
     * @return the results
     * @throws NullPointerException for a null element, naming its index (nothing is sent then)
     * @throws InterruptedException when interrupted while waiting
     */
    @Override
    public <T, R> List<R> map(SerializableFunction<T, R> function, Iterable<? extends T> inputs)
            throws InterruptedException {
        return mapAsync(function, inputs, MapOptions.defaults()).get();
    }

    /**
     * {@link #map(SerializableFunction, Iterable)} with a chunk size.
     *
     * @param function the function
     * @param inputs the elements; none may be null
     * @param chunksize elements per task, at least 1
     * @param <T> the element type
     * @param <R> the result type
     * @return the results
     * @throws InterruptedException when interrupted while waiting
     */
    @Override
    public <T, R> List<R> map(SerializableFunction<T, R> function, Iterable<? extends T> inputs, int chunksize)
            throws InterruptedException {
        return mapAsync(function, inputs, MapOptions.defaults().chunksize(chunksize)).get();
    }

    /**
     * {@link #map(SerializableFunction, Iterable)} with options (chunk size, progress, timeout).
     *
     * @param function the function
     * @param inputs the elements; none may be null
     * @param options how to run it
     * @param <T> the element type
     * @param <R> the result type
     * @return the results
     * @throws InterruptedException when interrupted while waiting
     */
    public <T, R> List<R> map(SerializableFunction<T, R> function, Iterable<? extends T> inputs,
            MapOptions options) throws InterruptedException {
        return mapAsync(function, inputs, options).get();
    }

    /**
     * Queues a map (Python: {@code map_async}). The first failing element fails the whole result; chunks not yet
     * started are then dropped.
     *
     * @param function the function
     * @param inputs the elements; none may be null
     * @param options how to run it
     * @param <T> the element type
     * @param <R> the result type
     * @return the pending list of results
     */
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<T, R> function, Iterable<? extends T> inputs,
            MapOptions options) {
        return startMap(function, 1, inputs, e -> new Object[] {e}, options, "map");
    }

    /**
     * Queues a map with the default options.
     *
     * @param function the function
     * @param inputs the elements; none may be null
     * @param <T> the element type
     * @param <R> the result type
     * @return the pending list of results
     */
    @Override
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<T, R> function, Iterable<? extends T> inputs) {
        return mapAsync(function, inputs, MapOptions.defaults());
    }

    /**
     * Applies a two-argument function to each pair (Python: {@code starmap(func, [(a, b), ...])}; differs in that
     * Java has no tuples: give {@code Map.entry(a, b)} per element, or map over a record for more arguments).
     *
     * @param function the function
     * @param pairs the argument pairs; no pair may be null (its key and value may)
     * @param <A> the first argument type
     * @param <B> the second argument type
     * @param <R> the result type
     * @return the results in input order
     * @throws InterruptedException when interrupted while waiting
     */
    public <A, B, R> List<R> starmap(SerializableBiFunction<A, B, R> function,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs) throws InterruptedException {
        return starmapAsync(function, pairs, MapOptions.defaults()).get();
    }

    /**
     * {@link #starmap(SerializableBiFunction, Iterable)} with options.
     *
     * @param function the function
     * @param pairs the argument pairs
     * @param options how to run it
     * @param <A> the first argument type
     * @param <B> the second argument type
     * @param <R> the result type
     * @return the results in input order
     * @throws InterruptedException when interrupted while waiting
     */
    public <A, B, R> List<R> starmap(SerializableBiFunction<A, B, R> function,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs, MapOptions options)
            throws InterruptedException {
        return starmapAsync(function, pairs, options).get();
    }

    /**
     * Queues a starmap (Python: {@code starmap_async}).
     *
     * @param function the function
     * @param pairs the argument pairs
     * @param options how to run it
     * @param <A> the first argument type
     * @param <B> the second argument type
     * @param <R> the result type
     * @return the pending list of results
     */
    public <A, B, R> AsyncResult<List<R>> starmapAsync(SerializableBiFunction<A, B, R> function,
            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs, MapOptions options) {
        return startMap(function, 2, pairs, Pool::pairArgs, options, "starmap");
    }

    private static Object[] pairArgs(Object element) {
        Map.Entry<?, ?> pair = (Map.Entry<?, ?>) element;
        return new Object[] {pair.getKey(), pair.getValue()};
    }

    private <R> AsyncResult<List<R>> startMap(Object function, int arity, Iterable<?> inputs,
            Function<Object, Object[]> toArgs, MapOptions options, String call) {
        FunctionRef ref = FunctionCache.of(Objects.requireNonNull(function, "function"), arity);
        // a one-argument function's elements go as they are, in one array (a collection's own copy of itself)
        Object[] elements = MapJob.elements(Objects.requireNonNull(inputs, "inputs"));
        for (int i = 0; i < elements.length; i++) {
            if (elements[i] == null) {
                throw new NullPointerException("null element in the input of " + call + ": index=" + i);
            }
            if (arity != 1) {
                elements[i] = toArgs.apply(elements[i]);
            }
        }
        int chunksize = options.chunksize > 0 ? options.chunksize
                : MapJob.defaultChunksize(elements.length, core.config().processes());
        ProgressSink progress = new ProgressSink(options.listener, options.progressBar, call, elements.length);
        MapJob<R> job = MapJob.submit(core, ref, elements, chunksize, timeout(options), progress);
        return new AsyncResult<>(job.future(), job::cancel);
    }

    /**
     * Applies {@code function} lazily, with results in input order as they come (Python: {@code imap}, chunk
     * size 1). A {@code Stream} is an input too: {@code pool.imap(f, stream::iterator)}.
     *
     * @param function the function
     * @param inputs the elements, read lazily on the iterating thread
     * @param <T> the element type
     * @param <R> the result type
     * @return the results
     */
    public <T, R> IMapIterator<R> imap(SerializableFunction<T, R> function, Iterable<? extends T> inputs) {
        return imap(function, inputs, MapOptions.defaults());
    }

    /**
     * {@link #imap(SerializableFunction, Iterable)} with a chunk size (Python: {@code imap(func, it, chunksize)}).
     *
     * @param function the function
     * @param inputs the elements
     * @param chunksize elements per task, at least 1
     * @param <T> the element type
     * @param <R> the result type
     * @return the results
     */
    public <T, R> IMapIterator<R> imap(SerializableFunction<T, R> function, Iterable<? extends T> inputs,
            int chunksize) {
        return imap(function, inputs, MapOptions.defaults().chunksize(chunksize));
    }

    /**
     * {@link #imap(SerializableFunction, Iterable)} with options.
     *
     * @param function the function
     * @param inputs the elements
     * @param options how to run it
     * @param <T> the element type
     * @param <R> the result type
     * @return the results
     */
    public <T, R> IMapIterator<R> imap(SerializableFunction<T, R> function, Iterable<? extends T> inputs,
            MapOptions options) {
        return stream(function, inputs, options, true);
    }

    /**
     * Like {@link #imap(SerializableFunction, Iterable)} but results come in completion order (Python:
     * {@code imap_unordered}).
     *
     * @param function the function
     * @param inputs the elements
     * @param <T> the element type
     * @param <R> the result type
     * @return the results
     */
    public <T, R> IMapIterator<R> imapUnordered(SerializableFunction<T, R> function, Iterable<? extends T> inputs) {
        return imapUnordered(function, inputs, MapOptions.defaults());
    }

    /**
     * {@link #imapUnordered(SerializableFunction, Iterable)} with a chunk size.
     *
     * @param function the function
     * @param inputs the elements
     * @param chunksize elements per task, at least 1
     * @param <T> the element type
     * @param <R> the result type
     * @return the results
     */
    public <T, R> IMapIterator<R> imapUnordered(SerializableFunction<T, R> function, Iterable<? extends T> inputs,
            int chunksize) {
        return imapUnordered(function, inputs, MapOptions.defaults().chunksize(chunksize));
    }

    /**
     * {@link #imapUnordered(SerializableFunction, Iterable)} with options.
     *
     * @param function the function
     * @param inputs the elements
     * @param options how to run it
     * @param <T> the element type
     * @param <R> the result type
     * @return the results
     */
    public <T, R> IMapIterator<R> imapUnordered(SerializableFunction<T, R> function, Iterable<? extends T> inputs,
            MapOptions options) {
        return stream(function, inputs, options, false);
    }

    private <R> IMapIterator<R> stream(Object function, Iterable<?> inputs, MapOptions options, boolean ordered) {
        core.checkAccepting();
        FunctionRef ref = FunctionCache.of(Objects.requireNonNull(function, "function"), 1);
        Iterator<?> input = Objects.requireNonNull(inputs, "inputs").iterator();
        ProgressSink progress = new ProgressSink(options.listener, options.progressBar,
                ordered ? "imap" : "imapUnordered", -1);
        return new MapIterator<>(new StreamingMap<>(core, ref, input, e -> new Object[] {e},
                options.chunksize > 0 ? options.chunksize : 1, ordered, timeout(options), progress));
    }

    private long timeout(MapOptions options) {
        return options.timeout != null ? Durations.toNanosSaturated(options.timeout) : defaultTimeoutNanos;
    }

    static Duration positive(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: timeout=" + timeout);
        }
        return timeout;
    }

    /**
     * The pids of the live workers (for monitoring; the set changes as workers are replaced).
     *
     * @return the pids
     */
    public List<Long> workerPids() {
        return core.workerPids();
    }

    /**
     * No more tasks: the queued ones finish, the workers exit, and this call waits for that (Python:
     * {@code close()} then {@code join()}; Python's {@code close()} alone does not wait).
     *
     * @throws io.github.multiprocessing4j.exception.ProcessException when interrupted while waiting (the flag is kept)
     */
    @Override
    public void close() {
        core.shutdown(false);
        try {
            core.terminated().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.github.multiprocessing4j.exception.ProcessException("interrupted while closing the pool", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the pool's shutdown failed", e.getCause());
        }
    }

    /**
     * Kills every worker at once, with whatever their tasks started; unfinished tasks end with
     * {@link java.util.concurrent.CancellationException} (Python: {@code terminate()}, where they never end).
     * Does not wait: {@link #join()} does.
     */
    public void terminate() {
        core.terminate();
    }

    /**
     * Waits until every worker has exited (Python: {@code join()}).
     *
     * @throws IllegalStateException when the pool was neither closed nor terminated
     * @throws InterruptedException when interrupted while waiting
     */
    public void join() throws InterruptedException {
        checkJoinable();
        try {
            core.terminated().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the pool's shutdown failed", e.getCause());
        }
    }

    /**
     * Waits at most {@code timeout} until every worker has exited.
     *
     * @param timeout how long to wait
     * @return whether they have
     * @throws IllegalStateException when the pool was neither closed nor terminated
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean join(Duration timeout) throws InterruptedException {
        checkJoinable();
        try {
            core.terminated().get(Durations.toNanosSaturated(timeout), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the pool's shutdown failed", e.getCause());
        }
    }

    private void checkJoinable() {
        if (core.isRunning()) {
            throw new IllegalStateException("join() needs close() or terminate() first: state=running");
        }
    }

    @Override
    public String toString() {
        return "<Pool processes=" + core.config().processes() + " workers=" + core.workerPids() + ">";
    }
}

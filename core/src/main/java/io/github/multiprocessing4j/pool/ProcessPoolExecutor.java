package io.github.multiprocessing4j.pool;

import io.github.multiprocessing4j.exception.PoolBrokenException;
import io.github.multiprocessing4j.exception.WorkerDiedException;
import io.github.multiprocessing4j.function.SerializableCallable;
import io.github.multiprocessing4j.function.SerializableFunction;
import io.github.multiprocessing4j.exception.SerializationFailedException;
import io.github.multiprocessing4j.internal.pool.FunctionCache;
import io.github.multiprocessing4j.internal.pool.FunctionRef;
import io.github.multiprocessing4j.internal.pool.MapJob;
import io.github.multiprocessing4j.internal.pool.PoolCore;
import io.github.multiprocessing4j.internal.pool.SubmittedMap;
import io.github.multiprocessing4j.internal.pool.TaskFuture;
import io.github.multiprocessing4j.internal.pool.TaskUnit;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An {@link ExecutorService} whose tasks run in worker JVMs (Python:
 * {@code concurrent.futures.ProcessPoolExecutor}).
 *
 * <pre>{@code
 * try (ProcessPoolExecutor executor = new ProcessPoolExecutor(4)) {
 *     CompletableFuture<Long> pid = executor.submit(() -> ProcessHandle.current().pid());
 *     System.out.println(pid.get(5, TimeUnit.SECONDS));
 * }
 * }</pre>
 *
 * <h2>Lifecycle</h2>
 * <pre>
 *   running --shutdown(wait, false)--&gt; shut down: queued tasks finish, workers exit --&gt; terminated
 *      +--shutdown(wait, true)--&gt; tasks not started cancelled, running ones finish, workers exit --&gt; terminated
 *      +--shutdownNow()--&gt; workers killed, unfinished futures cancelled --&gt; terminated
 * </pre>
 * {@link #shutdown()} is {@code shutdown(false, false)}; {@link #close()} is {@code shutdown(true, false)}
 * (as Java 19's {@code close()} and Python's {@code with}); {@code awaitTermination} waits as {@code wait=True}
 * does. See {@link #shutdown(boolean, boolean)}.
 *
 * <p>Workers start on demand, as in Python 3.9+: a task starts a worker when no worker is idle and fewer than
 * {@code maxWorkers} run; idle workers are kept and reused. An executor that is never given a task starts no JVM,
 * and tasks given one at a time all run on one worker. ({@link Pool} starts all its workers at construction, as
 * Python's {@code Pool} does.)
 *
 * <h2>What crosses the process boundary</h2>
 * The task (a {@link Callable} or {@link Runnable} that is also {@link Serializable}, such as a lambda given as
 * {@link SerializableCallable}) and its result. A task that cannot be serialized is refused at {@code submit}
 * with a {@link RejectedExecutionException} whose message and cause ({@link SerializationFailedException}) name
 * the culprit; a result that cannot be serialized fails that future only, with a
 * {@link SerializationFailedException} naming the result and the reason (Python: {@code MaybeEncodingError}).
 * The worker keeps nothing of a task (its function, arguments or captured values) once it has ended.
 *
 * <h2>Failures</h2>
 * Futures complete exceptionally with the same exceptions as {@link AsyncResult} ({@code get} wraps them in
 * {@link ExecutionException}). Unlike Python's {@code BrokenProcessPool}, a worker that dies fails only the task
 * it ran ({@link WorkerDiedException}); the executor replaces it and goes on. This is a deliberate improvement
 * on Python, whose executor is then broken for good. {@code cancel(true)} on a running
 * task kills its worker and replaces it; {@code cancel(false)} lets it finish and drops the result. Workers are
 * not daemons: tasks may start processes, which end with their worker as described for {@link Pool}.
 * {@code orTimeout} or {@code completeOnTimeout} on a returned future only complete the future: the task goes on
 * in its worker. To stop it, use {@code cancel(true)} or the pool's task timeout ({@code taskTimeout}).
 *
 * <p>{@code CompletableFuture.supplyAsync(supplier, executor)} cannot use this executor (the supplier and its
 * future stay in this JVM): {@link #submit(SerializableCallable)} returns a {@link CompletableFuture} instead.
 *
 * <p>Thread-safe. Dependent stages of the returned futures run on the pool thread that received the result
 * unless given an executor: keep them short.
 */
public final class ProcessPoolExecutor implements ExecutorService, AutoCloseable {
    private final PoolCore core;
    private final long defaultTimeoutNanos;

    /** An executor with at most {@link io.github.multiprocessing4j.Multiprocessing#cpuCount()} workers. */
    public ProcessPoolExecutor() {
        this(builder());
    }

    /**
     * An executor with at most {@code maxWorkers} workers (Python: {@code max_workers}), started as tasks need them.
     *
     * @param maxWorkers at least 1
     */
    public ProcessPoolExecutor(int maxWorkers) {
        this(builder().processes(maxWorkers));
    }

    private ProcessPoolExecutor(Builder settings) {
        this.core = new PoolCore(settings.config("ExecutorWorker", true));
        this.defaultTimeoutNanos = core.config().taskTimeoutNanos();
    }

    /**
     * Settings beyond the number of workers, as for {@link Pool#builder()}.
     *
     * @return a builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Settings of a {@link ProcessPoolExecutor}; frozen by {@link #build()}. */
    public static final class Builder extends PoolBuilder<Builder> {
        Builder() {
        }

        /**
         * Creates the executor; its workers start as tasks need them.
         *
         * @return the executor
         */
        public ProcessPoolExecutor build() {
            return new ProcessPoolExecutor(this);
        }
    }

    /**
     * Submits a serializable task (the overload a lambda picks).
     *
     * @param task the task
     * @param <T> the result type
     * @return its future
     * @throws RejectedExecutionException after shutdown, or when the task cannot be serialized
     */
    public <T> CompletableFuture<T> submit(SerializableCallable<T> task) {
        return start(task, task);
    }

    @Override
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        if (!(task instanceof Serializable) || isCompletableFutureStep(task)) {
            throw rejected(notSerializable(task, "Callable<T>"));
        }
        if (task instanceof SerializableCallable) {
            return start((SerializableCallable<T>) task, task);
        }
        SerializableCallable<T> call = task::call;
        return start(call, task);
    }

    @Override
    public CompletableFuture<?> submit(Runnable task) {
        return submit(task, null);
    }

    @Override
    public <T> CompletableFuture<T> submit(Runnable task, T result) {
        Objects.requireNonNull(task, "task");
        if (!(task instanceof Serializable) || isCompletableFutureStep(task)) {
            throw rejected(notSerializable(task, "Runnable"));
        }
        SerializableCallable<Object> call = () -> {
            task.run();
            return null;
        };
        return start(call, task).thenApply(ignored -> result);
    }

    @Override
    public void execute(Runnable command) {
        submit(command);
    }

    /**
     * A step of {@code CompletableFuture.supplyAsync(supplier, executor)} and its kin: serializable as a
     * ForkJoinTask, but it carries its future, which must stay in this JVM.
     */
    private static boolean isCompletableFutureStep(Object task) {
        return task.getClass().getName().startsWith("java.util.concurrent.CompletableFuture$");
    }

    /** Why a task cannot cross to a worker, and the one-line fix. */
    static SerializationFailedException notSerializable(Object task, String type) {
        String name = task.getClass().getName();
        if (isCompletableFutureStep(task)) {
            return new SerializationFailedException("CompletableFuture.supplyAsync/runAsync cannot use this executor:"
                    + " the supplier and its future stay in this JVM and cannot cross to a worker JVM; call"
                    + " executor.submit((SerializableCallable<T>) () -> ...) instead, which returns a"
                    + " CompletableFuture", null);
        }
        return new SerializationFailedException("cannot serialize the task " + name + ": it does not implement"
                + " java.io.Serializable; write it as a serializable lambda: executor.submit((" + type
                + " & Serializable) () -> ...) or (SerializableCallable<T>) () -> ...", null);
    }

    private <T> CompletableFuture<T> start(SerializableCallable<T> call, Object original) {
        try {
            FunctionRef ref = FunctionCache.of(call, 0);
            return TaskFuture.submit(core, ref, new Object[0], defaultTimeoutNanos, original);
        } catch (SerializationFailedException e) {
            throw rejected(e);
        } catch (IllegalStateException | PoolBrokenException e) {
            throw new RejectedExecutionException("the executor does not accept tasks: " + e.getMessage(), e);
        }
    }

    private static RejectedExecutionException rejected(SerializationFailedException e) {
        return new RejectedExecutionException(e.getMessage(), e);
    }

    /**
     * Applies {@code function} to each element, results in input order (Python: {@code executor.map(fn, inputs,
     * timeout=timeout, chunksize=chunksize)}). As in Python, the whole input is read and every task submitted when
     * this is called: the tasks run even if the results are never read (so an endless input cannot be used; use
     * {@link Pool#imap} for that). {@code next()} returns each result or throws its exception; an exception ends the
     * iteration and the tasks not yet started are dropped, as Python's generator cancels its remaining futures.
     * The timeout counts from this call: when a result is not there by then, {@code next()} throws a
     * {@link java.util.concurrent.CompletionException} whose cause is a {@link TimeoutException} (Python:
     * {@code TimeoutError}), and the tasks not yet started are dropped; running ones go on, as in Python.
     *
     * @param function the function
     * @param inputs the elements, all read by this call
     * @param chunksize elements per task, at least 1
     * @param timeout how long after this call the results may come, or null for no limit
     * @param <T> the element type
     * @param <R> the result type
     * @return the results
     * @throws RejectedExecutionException after shutdown, or when an element cannot be serialized (then nothing
     *     was submitted)
     */
    public <T, R> IMapIterator<R> map(SerializableFunction<T, R> function, Iterable<? extends T> inputs,
            int chunksize, Duration timeout) {
        if (chunksize < 1) {
            throw new IllegalArgumentException("chunksize must be at least 1: chunksize=" + chunksize);
        }
        Objects.requireNonNull(inputs, "inputs");
        FunctionRef ref = FunctionCache.of(Objects.requireNonNull(function, "function"), 1);
        Object[] elements = MapJob.elements(inputs);
        try {
            return new MapIterator<>(SubmittedMap.<R>submit(core, ref, elements, chunksize, defaultTimeoutNanos,
                    timeout));
        } catch (SerializationFailedException e) {
            throw rejected(e);
        } catch (IllegalStateException | PoolBrokenException e) {
            throw new RejectedExecutionException("the executor does not accept tasks: " + e.getMessage(), e);
        }
    }

    /**
     * {@link #map(SerializableFunction, Iterable, int, Duration)} without a timeout.
     *
     * @param function the function
     * @param inputs the elements, all read by this call
     * @param chunksize elements per task, at least 1
     * @param <T> the element type
     * @param <R> the result type
     * @return the results
     */
    public <T, R> IMapIterator<R> map(SerializableFunction<T, R> function, Iterable<? extends T> inputs,
            int chunksize) {
        return map(function, inputs, chunksize, null);
    }

    /**
     * {@link #map(SerializableFunction, Iterable, int, Duration)} with chunk size 1 and no timeout.
     *
     * @param function the function
     * @param inputs the elements, all read by this call
     * @param <T> the element type
     * @param <R> the result type
     * @return the results
     */
    public <T, R> IMapIterator<R> map(SerializableFunction<T, R> function, Iterable<? extends T> inputs) {
        return map(function, inputs, 1, null);
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(submit(task));
        }
        for (Future<T> f : futures) {
            try {
                f.get();
            } catch (ExecutionException | CancellationException e) {
                // reported by the future itself
            }
        }
        return futures;
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(submit(task));
        }
        for (Future<T> f : futures) {
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | CancellationException e) {
                // reported by the future itself
            } catch (TimeoutException e) {
                break;
            }
        }
        for (Future<T> f : futures) {
            f.cancel(true);
        }
        return futures;
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return invokeAny(tasks, Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new ExecutionException("no task completed", e);
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("invokeAny needs at least one task");
        }
        List<CompletableFuture<T>> futures = new ArrayList<>();
        CompletableFuture<T> first = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        for (Callable<T> task : tasks) {
            CompletableFuture<T> f = submit(task);
            futures.add(f);
            f.whenComplete((value, error) -> {
                if (error == null) {
                    first.complete(value);
                } else if (failures.incrementAndGet() == tasks.size()) {
                    first.completeExceptionally(error);
                }
            });
        }
        try {
            return first.get(timeout, unit);
        } finally {
            for (CompletableFuture<T> f : futures) {
                f.cancel(true);
            }
        }
    }

    /**
     * No new tasks; the submitted ones run, then the workers exit. Returns at once: Python's
     * {@code shutdown(wait=False)}, the same as {@code shutdown(false, false)}.
     */
    @Override
    public void shutdown() {
        core.shutdown(false);
    }

    /**
     * Python's {@code shutdown(wait, cancel_futures)} (3.9+). No new tasks are accepted. With {@code cancelFutures},
     * the tasks that have not started fail with {@link CancellationException} (their futures are cancelled), as in
     * Python, where the few already handed to a worker's call queue still run; here, those already written to a
     * worker (at most a few small ones per worker) still run. Running tasks always finish. With {@code wait}, this
     * returns once every task has ended and every worker has exited (uninterruptibly, as {@link #close()});
     * without it, at once.
     *
     * <p>The {@link ExecutorService} methods map onto it: {@link #shutdown()} is {@code shutdown(false, false)},
     * {@link #close()} is {@code shutdown(true, false)}, {@code awaitTermination} is the waiting part, and
     * {@link #shutdownNow()} goes further than {@code cancelFutures} (it also kills the running tasks' workers).
     *
     * @param wait whether to wait until the tasks have ended and the workers exited
     * @param cancelFutures whether to cancel the tasks that have not started
     */
    public void shutdown(boolean wait, boolean cancelFutures) {
        core.shutdown(cancelFutures);
        if (wait) {
            awaitTerminationUninterruptibly();
        }
    }

    /**
     * Kills every worker; running and queued futures end cancelled (Python 3.14: {@code kill_workers()}).
     *
     * @return the tasks that never started, as runnables that would run them in this JVM
     */
    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> neverRan = new ArrayList<>();
        for (TaskUnit unit : core.terminate()) {
            Object original = unit.tag;
            if (original instanceof Callable) {
                neverRan.add(new FutureTask<>((Callable<?>) original));
            } else if (original instanceof Runnable) {
                neverRan.add((Runnable) original);
            }
        }
        return neverRan;
    }

    @Override
    public boolean isShutdown() {
        return !core.isRunning();
    }

    @Override
    public boolean isTerminated() {
        return core.terminated().isDone();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            core.terminated().get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the executor's shutdown failed", e.getCause());
        }
    }

    /** {@link #shutdown()}, then waits until the workers have exited (the queued tasks run first). */
    @Override
    public void close() {
        shutdown(true, false);
    }

    private void awaitTerminationUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                if (awaitTermination(1, TimeUnit.DAYS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The pids of the live workers.
     *
     * @return the pids
     */
    public List<Long> workerPids() {
        return core.workerPids();
    }
}

package io.github.multiprocessing4j.cluster;

import io.github.multiprocessing4j.function.SerializableCallable;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An {@link ExecutorService} whose tasks run in worker JVMs of a cluster's nodes: the cluster counterpart of
 * {@link io.github.multiprocessing4j.pool.ProcessPoolExecutor}, so code written against {@code ExecutorService}
 * switches with one line. Built on a {@link ClusterPool}, with its retry and timeout semantics.
 *
 * <p>Tasks must be {@link Serializable} ({@link SerializableCallable}, or a {@code Runnable}/{@code Callable} that
 * is also {@code Serializable}); others are rejected with {@link RejectedExecutionException}. The returned futures
 * are {@link CompletableFuture}s; {@code cancel(true)} stops the task on its node (its worker JVM is killed).
 * {@link #shutdownNow()} cancels every unfinished task that way. Thread-safe.
 */
public final class ClusterExecutor implements ExecutorService {
    private final ClusterPool pool;
    private final List<Future<?>> unfinished = new ArrayList<>();
    private volatile boolean shutdown;

    /**
     * An executor over a cluster pool; closing the executor closes the pool.
     *
     * @param pool a connected pool
     */
    public ClusterExecutor(ClusterPool pool) {
        this.pool = pool;
    }

    /**
     * Submits a serializable task (the overload a lambda picks).
     *
     * @param task the task
     * @param <T> the result type
     * @return its future; {@code cancel(true)} stops it on its node
     * @throws RejectedExecutionException after shutdown
     */
    public <T> CompletableFuture<T> submit(SerializableCallable<T> task) {
        if (shutdown) {
            throw new RejectedExecutionException("the cluster executor is shut down");
        }
        var result = pool.applyAsync(task);
        CompletableFuture<T> future = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                result.cancel(mayInterruptIfRunning);
                return super.cancel(mayInterruptIfRunning);
            }
        };
        result.toCompletableFuture().whenComplete((value, error) -> {
            if (error != null) {
                future.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            } else {
                future.complete(value);
            }
        });
        synchronized (unfinished) {
            unfinished.removeIf(Future::isDone);
            unfinished.add(future);
        }
        return future;
    }

    @Override
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        if (!(task instanceof Serializable)) {
            throw new RejectedExecutionException("a cluster task must be Serializable: use a SerializableCallable"
                    + " (a lambda assigned to one), not " + task.getClass().getName());
        }
        return submit(serializable(task));
    }

    @SuppressWarnings("unchecked")
    private static <T> SerializableCallable<T> serializable(Callable<T> task) {
        return task instanceof SerializableCallable ? (SerializableCallable<T>) task : new SerializableCall<>(task);
    }

    @Override
    public CompletableFuture<?> submit(Runnable task) {
        return submit(task, null);
    }

    @Override
    public <T> CompletableFuture<T> submit(Runnable task, T result) {
        if (!(task instanceof Serializable)) {
            throw new RejectedExecutionException("a cluster task must be Serializable: not "
                    + task.getClass().getName());
        }
        return submit(new RunnableCall<>(task, result));
    }

    @Override
    public void execute(Runnable command) {
        submit(command);
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(submit(task));
        }
        for (Future<T> future : futures) {
            try {
                future.get();
            } catch (ExecutionException | CancellationException e) {
                // reported by the future
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
        for (Future<T> future : futures) {
            try {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | CancellationException e) {
                // reported by the future
            } catch (TimeoutException e) {
                futures.forEach(f -> f.cancel(true));
                break;
            }
        }
        return futures;
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return invokeAny(tasks, Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new ExecutionException(e);
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("no tasks");
        }
        List<CompletableFuture<T>> futures = new ArrayList<>();
        CompletableFuture<T> first = new CompletableFuture<>();
        for (Callable<T> task : tasks) {
            CompletableFuture<T> future = submit(task);
            futures.add(future);
            future.thenAccept(first::complete);
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
            if (e != null) {
                first.completeExceptionally(e instanceof CompletionException ? e.getCause() : e);
            }
        });
        try {
            return first.get(timeout, unit);
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        synchronized (unfinished) {
            unfinished.forEach(f -> f.cancel(true));
            unfinished.clear();
        }
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        synchronized (unfinished) {
            unfinished.removeIf(Future::isDone);
            return shutdown && unfinished.isEmpty();
        }
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        List<Future<?>> waiting;
        synchronized (unfinished) {
            waiting = new ArrayList<>(unfinished);
        }
        for (Future<?> future : waiting) {
            try {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | CancellationException e) {
                // ended
            } catch (TimeoutException e) {
                return false;
            }
        }
        return isTerminated();
    }

    /** Waits for the submitted tasks, then closes the pool. */
    public void close() {
        shutdown();
        try {
            while (!awaitTermination(1, TimeUnit.DAYS)) {
                Thread.onSpinWait();
            }
        } catch (InterruptedException e) {
            shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            pool.close();
        }
    }

    /** A serializable callable given as a plain {@code Callable}. */
    private static final class SerializableCall<T> implements SerializableCallable<T> {
        private static final long serialVersionUID = 1L;
        // any type: the codec refuses a value that is not serializable when the task is encoded
        @SuppressWarnings("serial")
        private final Callable<T> task;

        SerializableCall(Callable<T> task) {
            this.task = task;
        }

        @Override
        public T call() throws Exception {
            return task.call();
        }
    }

    /** A serializable runnable with its result. */
    private static final class RunnableCall<T> implements SerializableCallable<T> {
        private static final long serialVersionUID = 1L;
        // any type: the codec refuses a value that is not serializable when the task is encoded
        @SuppressWarnings("serial")
        private final Runnable task;
        // any type: the codec refuses a value that is not serializable when the task is encoded
        @SuppressWarnings("serial")
        private final T result;

        RunnableCall(Runnable task, T result) {
            this.task = task;
            this.result = result;
        }

        @Override
        public T call() {
            task.run();
            return result;
        }
    }
}

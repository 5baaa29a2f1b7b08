package io.github.multiprocessing4j.internal.pool;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The future of one task (a unit of one element). {@link #cancel(boolean) cancel(true)} on a running task kills
 * its worker (and what the task started); {@code cancel(false)} lets the worker finish and drops the result.
 *
 * @param <T> the result type
 */
public final class TaskFuture<T> extends CompletableFuture<T> {
    private static final long SPIN_NANOS = 50_000;
    private final PoolCore core;
    private volatile TaskUnit unit;

    private TaskFuture(PoolCore core) {
        this.core = core;
    }

    /**
     * Encodes and submits one task.
     *
     * @param core the pool
     * @param function the function, already checked to be serializable
     * @param args its arguments
     * @param timeoutNanos the limit, or 0
     * @param tag what to keep with the unit (the caller's original task), or null
     * @throws io.github.multiprocessing4j.exception.SerializationFailedException when an argument cannot be serialized
     */
    public static <T> TaskFuture<T> submit(PoolCore core, FunctionRef function, Object[] args, long timeoutNanos,
            Object tag) {
        TaskFuture<T> future = new TaskFuture<>(core);
        ItemBlock.Encoded encoded = ItemBlock.arguments(List.<Object[]>of(args), 0, 1, 0, function);
        TaskUnit unit = new TaskUnit(function, encoded, timeoutNanos, 0,
                new TaskUnit.Sink() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public void completed(TaskUnit u, Outcomes outcomes) {
                        Outcome outcome = outcomes.get(0);
                        if (outcome.error() != null) {
                            future.completeExceptionally(outcome.error());
                        } else {
                            future.complete((T) outcome.value());
                        }
                    }

                    @Override
                    public void failed(TaskUnit u, Throwable error) {
                        future.completeExceptionally(error);
                    }
                });
        unit.tag = tag;
        future.unit = unit;
        core.submit(List.of(unit));
        return future;
    }

    /**
     * Waits up to {@value #SPIN_NANOS} ns yielding, before parking: a warm worker answers in about 10 us, and a
     * thread that parks lets its vCPU go idle, which then takes tens of microseconds to wake for the result.
     * Yielding (rather than spinning) lets the thread that reads the result run on this CPU at once.
     */
    private void spin() {
        long end = System.nanoTime() + SPIN_NANOS;
        while (!isDone() && System.nanoTime() < end) {
            Thread.yield();
        }
    }

    @Override
    public T get() throws InterruptedException, java.util.concurrent.ExecutionException {
        spin();
        try {
            return super.get();
        } catch (java.util.concurrent.CancellationException e) {
            throw original(e);
        }
    }

    @Override
    public T get(long timeout, java.util.concurrent.TimeUnit unit) throws InterruptedException,
            java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
        spin();
        try {
            return super.get(timeout, unit);
        } catch (java.util.concurrent.CancellationException e) {
            throw original(e);
        }
    }

    /**
     * The cancellation with the pool's message: from JDK 23 on, {@code CompletableFuture.get} throws a new
     * {@code CancellationException("get")} whose cause is the one the future was completed with.
     */
    private static java.util.concurrent.CancellationException original(java.util.concurrent.CancellationException e) {
        return e.getCause() instanceof java.util.concurrent.CancellationException
                ? (java.util.concurrent.CancellationException) e.getCause() : e;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        TaskUnit u = unit;
        if (u != null && core.cancel(u, mayInterruptIfRunning)) {
            return true;
        }
        return super.cancel(mayInterruptIfRunning) || isCancelled();
    }
}

package io.github.multiprocessing4j.pool;

import io.github.multiprocessing4j.internal.time.Durations;
import io.github.multiprocessing4j.exception.PoolBrokenException;
import io.github.multiprocessing4j.exception.TaskTimeoutException;
import io.github.multiprocessing4j.exception.WorkerDiedException;
import io.github.multiprocessing4j.exception.ProcessException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The pending result of {@link Pool#applyAsync}, {@link Pool#mapAsync} or {@link Pool#starmapAsync} (Python:
 * {@code multiprocessing.pool.AsyncResult}).
 *
 * <p>Every result ends: with a value, or with an exception that {@link #get()} throws unchecked, as is:
 * {@link io.github.multiprocessing4j.exception.ChildProcessException} (the task threw; its cause has the worker's frames),
 * {@link WorkerDiedException}, {@link TaskTimeoutException}, {@link PoolBrokenException},
 * {@link io.github.multiprocessing4j.exception.SerializationFailedException} (the result could not cross back), or
 * {@link java.util.concurrent.CancellationException} (cancelled, or the pool was terminated).
 * {@link #get(Duration)} only stops waiting, as in Python; use a task timeout to stop the work.
 *
 * <p>The value was serialized in the worker and deserialized here; nothing else crosses the process boundary, and
 * this object stays in the process that created it.
 *
 * <p>Thread-safe. Callbacks run once, on the pool thread that received the result (or at once on the calling
 * thread when the result is already there); they must be quick and must not block.
 *
 * @param <R> the result type
 */
public final class AsyncResult<R> {
    private final CompletableFuture<R> future;
    private final Predicate<Boolean> canceller;

    AsyncResult(CompletableFuture<R> future, Predicate<Boolean> canceller) {
        this.future = future;
        this.canceller = canceller;
    }

    /**
     * A result of another kind of pool (the cluster module's {@code ClusterPool}), with this class's semantics:
     * {@link #get()} throws the future's exception unchecked, as is.
     *
     * @param future completed by that pool; never completed by this object
     * @param canceller cancels the task; given {@code mayInterruptIfRunning}, returns false when it had ended
     * @param <R> the result type
     * @return a result that reads {@code future}
     */
    public static <R> AsyncResult<R> of(CompletableFuture<R> future, Predicate<Boolean> canceller) {
        return new AsyncResult<>(Objects.requireNonNull(future, "future"), Objects.requireNonNull(canceller,
                "canceller"));
    }

    /**
     * Waits for the result.
     *
     * @return the value
     * @throws InterruptedException when interrupted while waiting
     */
    public R get() throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    /**
     * Waits at most {@code timeout} for the result. The task goes on when this times out.
     *
     * @param timeout how long to wait
     * @return the value
     * @throws TimeoutException when the result is not there in time (Python: {@code multiprocessing.TimeoutError})
     * @throws InterruptedException when interrupted while waiting
     */
    public R get(Duration timeout) throws TimeoutException, InterruptedException {
        try {
            return future.get(Durations.toNanosSaturated(timeout), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    static RuntimeException unwrap(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException) {
            return (RuntimeException) cause;
        }
        if (cause instanceof Error) {
            throw (Error) cause;
        }
        return new ProcessException("the task failed: error=" + cause, cause);
    }

    /**
     * Waits until the result is there (Python: {@code wait()}).
     *
     * @throws InterruptedException when interrupted while waiting
     */
    public void await() throws InterruptedException {
        try {
            future.get();
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            // ready, with an exception: get() reports it
        }
    }

    /**
     * Waits at most {@code timeout} until the result is there (Python: {@code wait(timeout)}).
     *
     * @param timeout how long to wait
     * @return whether the result is there
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean await(Duration timeout) throws InterruptedException {
        try {
            future.get(Durations.toNanosSaturated(timeout), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            return true;
        } catch (TimeoutException e) {
            return false;
        }
        return true;
    }

    /**
     * Whether the result is there (Python: {@code ready()}).
     *
     * @return true once the task has ended
     */
    public boolean ready() {
        return future.isDone();
    }

    /**
     * Whether the task ended without an exception (Python: {@code successful()}).
     *
     * @return true for a value, false for an exception
     * @throws IllegalStateException when the result is not there yet (Python raises ValueError)
     */
    public boolean successful() {
        if (!future.isDone()) {
            throw new IllegalStateException("the result is not ready: call ready() or await() first");
        }
        return !future.isCompletedExceptionally();
    }

    /**
     * Cancels the task: a queued one never runs; a running one is ended at once and, when
     * {@code mayInterruptIfRunning} is true, its worker is killed (with what it started) and replaced.
     *
     * @param mayInterruptIfRunning whether to kill a running task's worker
     * @return false when the task had already ended
     */
    public boolean cancel(boolean mayInterruptIfRunning) {
        return canceller.test(mayInterruptIfRunning);
    }

    /**
     * Runs {@code callback} with the value when the task succeeds (Python: {@code callback=}).
     *
     * @param callback quick and non-blocking
     * @return this
     */
    public AsyncResult<R> callback(Consumer<? super R> callback) {
        Objects.requireNonNull(callback, "callback");
        future.whenComplete((value, error) -> {
            if (error == null) {
                callback.accept(value);
            }
        });
        return this;
    }

    /**
     * Runs {@code callback} with the exception when the task fails (Python: {@code error_callback=}).
     *
     * @param callback quick and non-blocking
     * @return this
     */
    public AsyncResult<R> errorCallback(Consumer<? super Throwable> callback) {
        Objects.requireNonNull(callback, "callback");
        future.whenComplete((value, error) -> {
            if (error != null) {
                callback.accept(error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            }
        });
        return this;
    }

    /**
     * A view of this result as a future; completing or cancelling the view does not affect the task.
     *
     * @return a dependent future
     */
    public CompletableFuture<R> toCompletableFuture() {
        return future.copy();
    }
}

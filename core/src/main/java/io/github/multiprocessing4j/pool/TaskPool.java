package io.github.multiprocessing4j.pool;

import io.github.multiprocessing4j.function.SerializableCallable;
import io.github.multiprocessing4j.function.SerializableFunction;
import java.util.List;

/**
 * What a pool of worker processes does, wherever its workers are: the local {@link Pool} (worker JVMs on this
 * machine) and {@code io.github.multiprocessing4j.cluster.ClusterPool} (worker JVMs on the nodes of a cluster)
 * both implement it, so code written against it runs on either. The functions, their inputs, results and
 * exceptions cross a process boundary (serialized, and decoded through the allow-list); a task's exception comes
 * back as {@link io.github.multiprocessing4j.exception.ChildProcessException} with the worker's frames, a worker
 * JVM that dies under a task as {@link io.github.multiprocessing4j.exception.WorkerDiedException}. What happens
 * when a whole machine is lost, and how {@code close} ends the pool, is up to the implementation: read its
 * Javadoc.
 *
 * <p>{@code apply} and {@code map} block until the results are there; the async forms do not (bound a wait with
 * {@link AsyncResult#get(java.time.Duration)}). Implementations are thread-safe.
 */
public interface TaskPool extends AutoCloseable {
    /**
     * Runs {@code task} in a worker and waits for its result.
     *
     * @param task the task
     * @param <R> the result type
     * @return the result
     * @throws InterruptedException when interrupted while waiting
     */
    <R> R apply(SerializableCallable<R> task) throws InterruptedException;

    /**
     * Runs {@code function(argument)} in a worker and waits for the result (Python: {@code apply}).
     *
     * @param function the function
     * @param argument its argument
     * @param <T> the argument type
     * @param <R> the result type
     * @return the result
     * @throws InterruptedException when interrupted while waiting
     */
    <T, R> R apply(SerializableFunction<T, R> function, T argument) throws InterruptedException;

    /**
     * Runs {@code task} in a worker without waiting.
     *
     * @param task the task
     * @param <R> the result type
     * @return its pending result
     */
    <R> AsyncResult<R> applyAsync(SerializableCallable<R> task);

    /**
     * Runs {@code function(argument)} in a worker without waiting (Python: {@code apply_async}).
     *
     * @param function the function
     * @param argument its argument
     * @param <T> the argument type
     * @param <R> the result type
     * @return its pending result
     */
    <T, R> AsyncResult<R> applyAsync(SerializableFunction<T, R> function, T argument);

    /**
     * Applies {@code function} to every input in the workers and returns the results in input order (Python:
     * {@code map}), in chunks of the implementation's default size.
     *
     * @param function the function
     * @param inputs the inputs
     * @param <T> the input type
     * @param <R> the result type
     * @return the results, in order
     * @throws InterruptedException when interrupted while waiting
     */
    <T, R> List<R> map(SerializableFunction<T, R> function, Iterable<? extends T> inputs)
            throws InterruptedException;

    /**
     * As {@link #map(SerializableFunction, Iterable)} in chunks of {@code chunksize} inputs.
     *
     * @param function the function
     * @param inputs the inputs
     * @param chunksize inputs per task sent to a worker, at least 1
     * @param <T> the input type
     * @param <R> the result type
     * @return the results, in order
     * @throws InterruptedException when interrupted while waiting
     */
    <T, R> List<R> map(SerializableFunction<T, R> function, Iterable<? extends T> inputs, int chunksize)
            throws InterruptedException;

    /**
     * Starts a map without waiting (Python: {@code map_async}); the first failing input fails the whole result.
     *
     * @param function the function
     * @param inputs the inputs
     * @param <T> the input type
     * @param <R> the result type
     * @return the pending results, in order
     */
    <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<T, R> function, Iterable<? extends T> inputs);

    /** Ends the pool (without a checked exception); what happens to pending tasks is the implementation's. */
    @Override
    void close();
}

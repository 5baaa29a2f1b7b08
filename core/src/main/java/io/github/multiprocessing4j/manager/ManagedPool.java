package io.github.multiprocessing4j.manager;

import io.github.multiprocessing4j.function.SerializableFunction;
import java.util.List;

/**
 * A process pool living in the manager process (Python: {@code manager.Pool(processes)}), shared by every process
 * that holds the proxy: their tasks run on the same workers (children of the manager process).
 *
 * <h2>What crosses the process boundary</h2>
 * The function and its arguments go to the manager with the library's codec, are decoded there through the
 * allow-list, and go on to a worker the same way; results come back as values (a {@code map} result is a plain
 * list, not a managed one). The function's class must be on the manager's class path (it is, for a manager
 * started by this JVM). An exception in the task is thrown by the call as {@code Pool} throws it (a
 * {@link io.github.multiprocessing4j.exception.ChildProcessException} naming the worker).
 *
 * <h2>Blocking and failure</h2>
 * {@link #apply} and {@link #map} block until the result is in, as {@code Pool}'s do, on this thread's own
 * connection (other threads and processes go on). A worker that dies is reported as the pool reports it. When the
 * manager dies, a call fails with {@link java.io.UncheckedIOException} or
 * {@link io.github.multiprocessing4j.exception.PeerGoneException}; the workers end with it.
 */
public interface ManagedPool {
    /**
     * Runs {@code function(argument)} on a worker and returns its result (Python: {@code apply(func, (arg,))}).
     *
     * @param function the function; serializable
     * @param argument its argument; serializable
     * @param <T> the argument type
     * @param <R> the result type
     * @return the result
     * @throws InterruptedException if interrupted while waiting
     */
    <T, R> R apply(SerializableFunction<T, R> function, T argument) throws InterruptedException;

    /**
     * Applies {@code function} to every input on the workers, results in input order (Python: {@code map}).
     *
     * @param function the function; serializable
     * @param inputs the inputs; serializable
     * @param <T> the input type
     * @param <R> the result type
     * @return the results
     * @throws InterruptedException if interrupted while waiting
     */
    <T, R> List<R> map(SerializableFunction<T, R> function, List<T> inputs) throws InterruptedException;

    /**
     * The workers' process ids.
     *
     * @return them
     */
    List<Long> workerPids();
}

package io.github.multiprocessing4j.function;

import java.io.Serializable;

/**
 * A task with one argument that returns a value, run in a pool worker JVM (Python: the {@code func} of
 * {@code apply(func, (x,))}, {@code map} and {@code imap}).
 *
 * <p>The function, its argument and its result cross the process boundary, so all must be {@link Serializable}.
 * An unserializable function or argument fails at submission, naming the culprit; an unserializable result fails
 * only that task. Anything it throws reaches the caller as a
 * {@link io.github.multiprocessing4j.exception.ChildProcessException} whose cause keeps the worker's stack frames.
 * If the worker dies while running it, the caller gets a
 * {@link io.github.multiprocessing4j.exception.WorkerDiedException}.
 *
 * @param <T> the type of the argument
 * @param <R> the type of the result
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Serializable {
    /**
     * Runs in the worker.
     *
     * @param t the argument
     * @return the result
     * @throws Exception anything; it fails this task only
     */
    R apply(T t) throws Exception;
}

package io.github.multiprocessing4j.function;

import java.io.Serializable;

/**
 * A task with two arguments that returns a value, for {@link io.github.multiprocessing4j.pool.Pool#starmap}
 * (Python: a function of two parameters whose arguments come unpacked from a tuple).
 *
 * <p>The function, its arguments and its result cross the process boundary, so all must be {@link Serializable}.
 * Failures reach the caller as for {@link SerializableFunction}: the task's exception, or
 * {@link io.github.multiprocessing4j.exception.WorkerDiedException} if the worker dies while running it.
 *
 * @param <A> the type of the first argument
 * @param <B> the type of the second argument
 * @param <R> the type of the result
 */
@FunctionalInterface
public interface SerializableBiFunction<A, B, R> extends Serializable {
    /**
     * Runs in the worker.
     *
     * @param a the first argument
     * @param b the second argument
     * @return the result
     * @throws Exception anything; it fails this task only
     */
    R apply(A a, B b) throws Exception;
}

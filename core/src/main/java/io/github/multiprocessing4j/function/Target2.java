package io.github.multiprocessing4j.function;

import java.io.Serializable;

/**
 * A serializable target that takes two arguments, for {@link io.github.multiprocessing4j.Process} (Python: the
 * {@code target} callable).
 *
 * <p>A lambda or method reference assigned to this type is serialized in the parent when the process starts and
 * deserialized in the child JVM, so everything it captures must be {@link Serializable};
 * {@link io.github.multiprocessing4j.Process#start()} names the captured value that is not. A checked or unchecked
 * exception thrown here ends the child with exit code 1 and reaches the parent as
 * {@link io.github.multiprocessing4j.Process#exception()}. Any return value of a method reference is ignored, as
 * Python ignores the return value of {@code run()}.
 *
 * @param <A> the type of a positional argument
 * @param <B> the type of a positional argument
 */
@FunctionalInterface
public interface Target2<A, B> extends Serializable {
    /**
     * Runs the target in the child process.
     *
     * @param a the first positional argument
     * @param b the second positional argument
     * @throws Exception anything; it ends the child with exit code 1
     */
    void run(A a, B b) throws Exception;
}

package io.github.multiprocessing4j.function;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A task without arguments that returns a value, run in a pool worker JVM (Python: a function passed to
 * {@code apply} or {@code submit} with no arguments).
 *
 * <p>The lambda or method reference is serialized in the caller and deserialized in the worker, so everything it
 * captures must be {@link Serializable}; submitting it fails at once, naming the culprit, if not. Its return
 * value travels back and must be serializable too (if not, that task fails, the worker goes on). Anything it
 * throws reaches the caller as a {@link io.github.multiprocessing4j.exception.ChildProcessException} whose cause
 * keeps the worker's stack frames. If the worker dies while running it, the caller gets a
 * {@link io.github.multiprocessing4j.exception.WorkerDiedException}; the call itself never blocks the worker's
 * reading of further tasks.
 *
 * @param <R> the type of the result
 */
@FunctionalInterface
public interface SerializableCallable<R> extends Callable<R>, Serializable {
}

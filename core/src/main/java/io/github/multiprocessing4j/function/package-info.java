/**
 * The functional types that user code hands to the library: the serializable targets of a
 * {@link io.github.multiprocessing4j.Process} ({@link io.github.multiprocessing4j.function.Target0} to
 * {@link io.github.multiprocessing4j.function.Target4}, Python's {@code target} with up to four positional
 * arguments), the serializable tasks of a pool ({@link io.github.multiprocessing4j.function.SerializableCallable},
 * {@link io.github.multiprocessing4j.function.SerializableFunction},
 * {@link io.github.multiprocessing4j.function.SerializableBiFunction}, Python's {@code func}), and the
 * {@link io.github.multiprocessing4j.function.ProgressListener} of map-style calls.
 *
 * <p>What crosses the process boundary: a target or task, with everything its lambda captures, is serialized in
 * the caller and rebuilt in the child JVM, and a task's result travels back; all must be
 * {@link java.io.Serializable}. A {@code ProgressListener} never leaves the caller's JVM. This package depends on
 * no other package of the library.
 */
package io.github.multiprocessing4j.function;

/**
 * Child processes (Python: {@code multiprocessing} itself): {@link io.github.multiprocessing4j.Process}, which runs
 * a target in a child JVM, the module-level functions in {@link io.github.multiprocessing4j.Multiprocessing}
 * ({@code current_process()}, {@code active_children()}, {@code cpu_count()}...), the
 * {@link io.github.multiprocessing4j.StartMethod} (warm spare JVMs, or a fresh JVM per process) and where a
 * child's {@link io.github.multiprocessing4j.Output} goes.
 *
 * <p>What crosses the process boundary: when a process starts, its target, its arguments and a subclass's fields,
 * serialized in the parent (a failure there is a
 * {@link io.github.multiprocessing4j.exception.SerializationFailedException} that names the culprit); when it
 * ends, its exit code and, when the target threw, the exception with the child's stack frames. Queues, pipes,
 * locks and shared memory among the arguments cross as their names and are the same objects in the child.
 */
package io.github.multiprocessing4j;

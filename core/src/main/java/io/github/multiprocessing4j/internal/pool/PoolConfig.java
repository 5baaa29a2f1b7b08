package io.github.multiprocessing4j.internal.pool;

import java.io.Serializable;
import java.util.List;

/**
 * A pool's settings, frozen when it starts.
 *
 * @param processes how many workers to keep
 * @param initializer a {@code Target0..Target4} run once in each worker before its first task, or null
 * @param initArgs its arguments
 * @param maxTasksPerChild tasks (chunks) a worker runs before it is replaced; 0 for no limit
 * @param maxMemoryBytes resident memory after which a worker is replaced between tasks; 0 for no limit
 * @param taskTimeoutNanos the default limit per task; 0 for none
 * @param jvmOptions extra options for the worker JVMs
 * @param namePrefix workers are named {@code namePrefix-N}
 * @param warmStart whether workers may take ready spare JVMs (the warm start method)
 * @param onDemand whether workers start as tasks need them, up to {@code processes}, instead of all at once
 *     (Python's {@code ProcessPoolExecutor} since 3.9; its {@code Pool} starts them all)
 */
public record PoolConfig(int processes, Serializable initializer, Object[] initArgs, int maxTasksPerChild,
        long maxMemoryBytes, long taskTimeoutNanos, List<String> jvmOptions, String namePrefix,
        boolean warmStart, boolean onDemand) {
}

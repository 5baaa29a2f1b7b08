package io.github.multiprocessing4j.pool;

import io.github.multiprocessing4j.internal.time.Durations;
import io.github.multiprocessing4j.exception.PoolBrokenException;
import io.github.multiprocessing4j.exception.TaskTimeoutException;
import io.github.multiprocessing4j.Multiprocessing;
import io.github.multiprocessing4j.StartMethod;
import io.github.multiprocessing4j.function.Target0;
import io.github.multiprocessing4j.function.Target1;
import io.github.multiprocessing4j.function.Target2;
import io.github.multiprocessing4j.internal.pool.PoolConfig;
import io.github.multiprocessing4j.internal.process.Targets;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings {@link Pool} and {@link ProcessPoolExecutor} share. Not thread-safe; read once when the pool is
 * built. The initializer and its arguments cross the process boundary (they must be serializable).
 *
 * @param <B> the concrete builder
 */
public abstract class PoolBuilder<B extends PoolBuilder<B>> {
    private int processes = Multiprocessing.cpuCount();
    private Serializable initializer;
    private Object[] initArgs = new Object[0];
    private int maxTasksPerChild;
    private long maxMemoryBytes;
    private Duration taskTimeout;
    private final List<String> jvmOptions = new ArrayList<>();

    PoolBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * The number of workers (Python: {@code processes}, {@code max_workers}); default
     * {@link Multiprocessing#cpuCount()}.
     *
     * @param count at least 1
     * @return this builder
     * @throws IllegalArgumentException when {@code count < 1}
     */
    public B processes(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a pool needs at least one worker: processes=" + count);
        }
        this.processes = count;
        return self();
    }

    /**
     * Runs {@code initializer} once in each worker before its first task (Python: {@code initializer}). If it
     * throws, the pool is broken: queued and later tasks fail with {@link PoolBrokenException}.
     *
     * @param function the initializer
     * @return this builder
     */
    public B initializer(Target0 function) {
        return initializer(function, new Object[0]);
    }

    /**
     * Runs {@code initializer(a)} once in each worker (Python: {@code initializer, initargs=(a,)}).
     *
     * @param function the initializer
     * @param a its argument; serializable
     * @param <A> the argument type
     * @return this builder
     */
    public <A> B initializer(Target1<A> function, A a) {
        return initializer(function, new Object[] {a});
    }

    /**
     * Runs {@code initializer(a, b)} once in each worker (Python: {@code initializer, initargs=(a, b)}).
     *
     * @param function the initializer
     * @param a its first argument; serializable
     * @param b its second argument; serializable
     * @param <A> the first argument type
     * @param <C> the second argument type
     * @return this builder
     */
    public <A, C> B initializer(Target2<A, C> function, A a, C b) {
        return initializer(function, new Object[] {a, b});
    }

    private B initializer(Serializable function, Object[] args) {
        Objects.requireNonNull(function, "initializer");
        this.initArgs = Targets.bind(function, args, Map.of());
        this.initializer = function;
        return self();
    }

    /**
     * Replaces a worker after it ran this many tasks (Python: {@code maxtasksperchild}; a chunk of a map counts
     * as one task, as in Python). Default: no limit.
     *
     * @param tasks at least 1
     * @return this builder
     */
    public B maxTasksPerChild(int tasks) {
        if (tasks < 1) {
            throw new IllegalArgumentException("maxTasksPerChild must be at least 1: maxTasksPerChild=" + tasks);
        }
        this.maxTasksPerChild = tasks;
        return self();
    }

    /**
     * Replaces a worker, between tasks, once its resident memory (RSS; the Java heap in use where there is no
     * {@code /proc}) exceeds this many bytes (billiard: {@code max_memory_per_child}). The worker checks after each
     * task (reading {@code /proc/self/statm}, a few microseconds); tasks already queued behind it go to other
     * workers. Default: no limit.
     *
     * @param bytes the limit, positive
     * @return this builder
     */
    public B maxMemoryPerChild(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("maxMemoryPerChild must be positive: bytes=" + bytes);
        }
        this.maxMemoryBytes = bytes;
        return self();
    }

    /**
     * The default time limit of each task once it runs; past it the worker is killed and replaced and the task
     * fails with {@link TaskTimeoutException}. Default: none.
     *
     * @param limit positive
     * @return this builder
     */
    public B taskTimeout(Duration limit) {
        this.taskTimeout = Pool.positive(limit);
        return self();
    }

    /**
     * Adds JVM options for the workers (after the ones inherited from this JVM), e.g. {@code -Xmx256m}.
     * Checked when the pool is built.
     *
     * @param options the options
     * @return this builder
     */
    public B jvmOptions(String... options) {
        jvmOptions.addAll(Arrays.asList(options));
        return self();
    }

    PoolConfig config(String namePrefix, boolean onDemand) {
        return new PoolConfig(processes, initializer, initArgs, maxTasksPerChild, maxMemoryBytes,
                taskTimeout == null ? 0 : Durations.toNanosSaturated(taskTimeout), List.copyOf(jvmOptions), namePrefix,
                Multiprocessing.getStartMethod() == StartMethod.WARM, onDemand);
    }
}

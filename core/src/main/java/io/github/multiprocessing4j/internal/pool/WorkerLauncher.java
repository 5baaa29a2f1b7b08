package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.internal.codec.Codec;
import io.github.multiprocessing4j.internal.process.ChildHandle;
import io.github.multiprocessing4j.internal.process.LaunchRequest;
import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.internal.spawn.InheritedJvm;
import io.github.multiprocessing4j.internal.spawn.JvmOptionCheck;
import io.github.multiprocessing4j.internal.spawn.StreamSpec;
import io.github.multiprocessing4j.internal.wire.Frame;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Starts worker JVMs for a pool with the Process machinery ({@link ChildHandle}): each runs a {@link WorkerLoop} and
 * inherits this JVM's stdout and stderr. A worker out of memory ends with exit code 3 instead of running on in an
 * unknown state: a fresh JVM runs with {@code -XX:+ExitOnOutOfMemoryError}; a pool without JVM options of its own
 * takes ready spare JVMs of the warm start method when there are some (it creates no demand for them), and its
 * task runner halts on an OutOfMemoryError.
 */
final class WorkerLauncher {
    private static final AtomicInteger NUMBERS = new AtomicInteger();
    /** Pool threads: worker exits, and starting replacements (never under the pool's lock). */
    static final Executor EVENTS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mp4j-pool-events");
        t.setDaemon(true);
        return t;
    });
    private static final StreamSpec INHERIT = new StreamSpec(ProcessBuilder.Redirect.INHERIT, false, false);

    private final PoolConfig config;
    private final PoolCore core;
    private final Path java = InheritedJvm.javaBinary();
    private final List<String> options;
    private final List<ClassLoader> loaders = new ArrayList<>();

    WorkerLauncher(PoolConfig config, PoolCore core) {
        this.config = config;
        this.core = core;
        List<String> all = new ArrayList<>();
        all.add("-XX:+ExitOnOutOfMemoryError");
        all.addAll(config.jvmOptions());
        this.options = List.copyOf(all);
        JvmOptionCheck.check(java, options);
        loaders.add(WorkerLauncher.class.getClassLoader());
        if (config.initializer() != null) {
            loaders.add(config.initializer().getClass().getClassLoader());
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            loaders.add(context);
        }
    }

    /**
     * Starts one worker; its frames go to the pool at once, its exit once {@link #watchExit} is called (after the
     * pool has added it to its workers, so that the exit of a worker killed at once finds it there).
     */
    Worker launch() {
        Worker worker = new Worker(config.namePrefix() + "-" + NUMBERS.incrementAndGet());
        JvmRuntime runtime = JvmRuntime.get();
        Codec.Encoded task = encodeLoop();
        runtime.allowList().learn(task.packages());
        int[] numbers = runtime.nextChildNumbers();
        Consumer<Frame> listener = frame -> core.onFrame(worker, frame);
        ChildHandle warm = null;
        if (config.jvmOptions().isEmpty() && config.warmStart()) {
            // a spare has no -XX:+ExitOnOutOfMemoryError; the worker's task runner halts with 3 on one instead
            warm = runtime.spares().takeIfReady(new LaunchRequest(null, worker.name, false, numbers, task.bytes(),
                    java, List.of(), Map.of(), null, loaders, INHERIT, INHERIT, listener));
        }
        worker.handle = warm != null ? warm : runtime.launcher().launch(new LaunchRequest(null, worker.name, false,
                numbers, task.bytes(), java, options, Map.of(), null, loaders, INHERIT, INHERIT, listener));
        return worker;
    }

    /**
     * The worker's task, encoded.
     *
     * @throws io.github.multiprocessing4j.exception.SerializationFailedException when the initializer or its
     *     arguments cannot be serialized
     */
    Codec.Encoded encodeLoop() {
        WorkerLoop loop = new WorkerLoop(config.initializer(), config.initArgs(), config.maxMemoryBytes());
        return Codec.encode(loop, "the pool's worker (its initializer and arguments)");
    }

    /** Reports the worker's exit to the pool, on a pool thread. */
    void watchExit(Worker worker) {
        worker.handle.exitCode().whenCompleteAsync((code, error) -> core.onExit(worker, code == null ? -1 : code),
                EVENTS);
    }
}

package io.github.multiprocessing4j;

/**
 * How a {@link Process} gets its JVM (Python: the start method, {@code set_start_method}).
 *
 * <p>Both give the child the same semantics: its own pid, this JVM as its parent, the daemon flag, Python's exit
 * codes, output on the inherited file descriptors, the parent's environment and JVM options. Set it for the program
 * with {@link Multiprocessing#setStartMethod} or the system property {@code multiprocessing4j.startMethod}
 * ({@code warm} or {@code spawn}), or per process with {@link Process#startMethod}.
 */
public enum StartMethod {
    /**
     * A fresh JVM for every process (Python's {@code spawn}): it costs a JVM start, tens of milliseconds, on the
     * path of {@code start()}, and nothing while no process runs.
     */
    SPAWN,

    /**
     * The default: the process runs in a spare JVM that was started, connected and warmed up ahead of need, and a
     * replacement warms up in the background (the role of Python's {@code forkserver}). Spares cost memory (about
     * 40 MiB each) and CPU while they start; their number follows demand up to {@code multiprocessing4j.maxSpares}
     * (default 8) and they are retired after {@code multiprocessing4j.spareIdleSeconds} (default 30) unused. They
     * never outlive this JVM, even when it is killed with SIGKILL. A process with its own JVM options, environment,
     * working directory, java binary or captured/redirected output gets a fresh JVM, as with {@link #SPAWN}.
     * To warm up, a spare decodes (and never runs) the last task this JVM started that holds no queue, lock or
     * shared memory, so the static initializers of
     * that task's classes may already have run in the JVM that gets the next task, as they would after loading.
     */
    WARM
}

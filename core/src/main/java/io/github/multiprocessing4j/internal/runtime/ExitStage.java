package io.github.multiprocessing4j.internal.runtime;

/**
 * The steps of this JVM's one exit sequence, in the order they run. The runtime does the steps that are its own
 * (spares, children, shared memory, the socket); other parts add actions to a step with
 * {@link JvmRuntime#atExit}.
 */
public enum ExitStage {
    /** No process may start any more; spare JVMs are retired. */
    REFUSE_STARTS,
    /** Daemon children get SIGTERM (Python's {@code _exit_function}). */
    TERMINATE_DAEMONS,
    /** Pools still open are terminated: their workers are killed (each pool adds its action). */
    STOP_POOLS,
    /** This JVM waits for its non-daemon children to end, and for its daemons (killed after a grace period). */
    WAIT_FOR_CHILDREN,
    /** This JVM's holder slots in shared memory are dropped, and the files it created that nobody holds go. */
    RELEASE_SHARED_MEMORY,
    /** The control socket closes and its directory is removed. */
    CLOSE_SOCKET,
    /** A child tells its parent how it ends, then lets go of its stdin (the child adds its action). */
    REPORT_TO_PARENT
}

package io.github.multiprocessing4j.exception;

import io.github.multiprocessing4j.exception.ProcessException;
import java.util.OptionalInt;

/**
 * A task failed because the worker JVM that ran it ended before the task did: {@code System.exit},
 * {@code Runtime.halt}, a signal (SIGKILL, a JVM crash) or an {@code OutOfMemoryError} (workers run with
 * {@code -XX:+ExitOnOutOfMemoryError}, so that shows as exit code 3). Only the task the worker was running fails;
 * tasks queued behind it go to other workers, and the pool starts a replacement.
 *
 * <p>Python: what {@code multiprocessing.Pool} never reports (it hangs) and {@code BrokenProcessPool} reports for
 * every task of a {@code ProcessPoolExecutor}.
 */
public class WorkerDiedException extends ProcessException {
    private static final long serialVersionUID = 1L;

    private final String workerName;
    private final long pid;
    private final int exitCode;

    /**
     * Creates the exception.
     *
     * @param workerName the worker's process name
     * @param pid the worker's pid
     * @param exitCode the worker's Python-style exit code: n, or -N for signal N
     */
    public WorkerDiedException(String workerName, long pid, int exitCode) {
        super("worker died while running the task: worker=" + workerName + ", pid=" + pid + ", exitcode="
                + describe(exitCode));
        this.workerName = workerName;
        this.pid = pid;
        this.exitCode = exitCode;
    }

    /** What the exit code tells, and no more: exit code 3 is also what an OutOfMemoryError gives a worker. */
    static String describe(int code) {
        switch (code) {
            case -9:
                return "-9 (SIGKILL: killed from outside, or by the pool after a timeout or cancel)";
            case -15:
                return "-15 (SIGTERM)";
            case -11:
            case -6:
                return code + " (signal " + -code + ": the JVM crashed, see its hs_err file)";
            case 3:
                return "3 (System.exit(3), halt(3) or an OutOfMemoryError)";
            default:
                return code < 0 ? code + " (signal " + -code + ")" : code + " (System.exit(" + code + ") or halt("
                        + code + "))";
        }
    }

    /**
     * The worker's exit code, as {@link io.github.multiprocessing4j.Process#exitCode()}: n after {@code exit(n)},
     * -N after signal N.
     *
     * @return the exit code
     */
    public int exitCode() {
        return exitCode;
    }

    /**
     * The signal that ended the worker, if a signal did.
     *
     * @return the signal number
     */
    public OptionalInt signal() {
        return exitCode < 0 ? OptionalInt.of(-exitCode) : OptionalInt.empty();
    }

    /**
     * The worker's pid.
     *
     * @return the pid
     */
    public long pid() {
        return pid;
    }

    /**
     * The worker's process name ({@code PoolWorker-N}).
     *
     * @return the name
     */
    public String workerName() {
        return workerName;
    }
}

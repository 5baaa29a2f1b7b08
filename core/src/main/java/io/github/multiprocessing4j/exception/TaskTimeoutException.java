package io.github.multiprocessing4j.exception;

import io.github.multiprocessing4j.exception.ProcessException;
import java.time.Duration;

/**
 * A task ran longer than its timeout, so the pool killed the worker running it (with whatever the task had
 * started) and started a replacement. Tasks queued behind it go to other workers.
 *
 * <p>Python has no such thing: {@code AsyncResult.get(timeout)} only stops waiting (as {@code get(Duration)} does
 * here), the task runs on.
 */
public class TaskTimeoutException extends ProcessException {
    private static final long serialVersionUID = 1L;

    private final Duration timeout;
    private final long pid;

    /**
     * Creates the exception.
     *
     * @param timeout the limit the task exceeded
     * @param workerName the name of the worker that was killed
     * @param pid its pid
     */
    public TaskTimeoutException(Duration timeout, String workerName, long pid) {
        super("task timed out, its worker was killed: timeout=" + timeout + ", worker=" + workerName + ", pid="
                + pid);
        this.timeout = timeout;
        this.pid = pid;
    }

    /**
     * The limit the task exceeded.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * The pid of the worker that was killed.
     *
     * @return the pid
     */
    public long pid() {
        return pid;
    }
}

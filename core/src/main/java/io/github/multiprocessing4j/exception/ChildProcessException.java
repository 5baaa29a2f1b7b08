package io.github.multiprocessing4j.exception;

/**
 * An exception that code in a child process threw, as the parent sees it (Python: the traceback that a child
 * prints, and {@code RemoteTraceback}).
 *
 * <p>The {@linkplain #getCause() cause} is the child's exception with the child's own stack frames: the original
 * exception object when its class can be loaded in this JVM and passes the deserialization allow-list, otherwise a
 * {@link RemoteThrowable} that keeps its class name, message, frames, causes and suppressed exceptions.
 * {@link #printStackTrace()} therefore shows both sides. {@link #pid()} and {@link #processName()} say where it
 * happened.
 */
public class ChildProcessException extends ProcessException {
    private static final long serialVersionUID = 1L;

    private final long pid;
    private final String processName;

    /**
     * Creates the exception.
     *
     * @param processName the name of the process the exception was thrown in
     * @param pid its operating-system process id
     * @param cause the child's exception, with the child's stack frames
     */
    public ChildProcessException(String processName, long pid, Throwable cause) {
        super("exception in child process: name=" + processName + ", pid=" + pid + ", exception=" + cause, cause);
        this.pid = pid;
        this.processName = processName;
    }

    /**
     * The operating-system id of the process the exception was thrown in.
     *
     * @return the pid
     */
    public long pid() {
        return pid;
    }

    /**
     * The name of the process the exception was thrown in, as {@link io.github.multiprocessing4j.Process#getName()}.
     *
     * @return the name
     */
    public String processName() {
        return processName;
    }
}

package io.github.multiprocessing4j.exception;

/**
 * Thrown by {@link io.github.multiprocessing4j.Process#start()} when the child JVM cannot be started: the java
 * binary is missing or not executable, or the JVM rejected its options. The message carries the operating
 * system's or the JVM's own words.
 *
 * <p>When this is thrown, nothing was left behind: no child process, no socket, no temporary file.
 */
public class ProcessStartException extends ProcessException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, with the JVM's or the operating system's message
     * @param cause the underlying failure, or {@code null}
     */
    public ProcessStartException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.github.multiprocessing4j.exception;

/**
 * The root of the exceptions that multiprocessing4j throws for failures that involve another process
 * (Python: {@code multiprocessing.ProcessError}).
 *
 * <p>Unchecked, like the JDK's {@code UncheckedIOException}: misuse of the API (starting twice, joining before
 * start) throws {@link IllegalStateException} or {@link IllegalArgumentException} instead.
 */
public class ProcessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong, as {@code what: key=value, ...}
     */
    public ProcessException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong, as {@code what: key=value, ...}
     * @param cause the underlying failure
     */
    public ProcessException(String message, Throwable cause) {
        super(message, cause);
    }
}

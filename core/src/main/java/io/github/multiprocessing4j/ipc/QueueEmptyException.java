package io.github.multiprocessing4j.ipc;

/**
 * Thrown by {@code get} with a timeout, or {@code getNowait}, when no item arrived in time (Python:
 * {@code queue.Empty}).
 */
public class QueueEmptyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, as {@code what: key=value, ...}
     */
    public QueueEmptyException(String message) {
        super(message);
    }
}

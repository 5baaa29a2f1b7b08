package io.github.multiprocessing4j.ipc;

/**
 * Thrown by {@code put} with a timeout, or {@code putNowait}, when the queue stayed full (its {@code maxsize}
 * items, or its byte capacity) for the whole timeout (Python: {@code queue.Full}). Nothing was put.
 */
public class QueueFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, as {@code what: key=value, ...}
     */
    public QueueFullException(String message) {
        super(message);
    }
}

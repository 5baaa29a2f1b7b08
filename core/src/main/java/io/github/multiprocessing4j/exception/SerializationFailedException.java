package io.github.multiprocessing4j.exception;

/**
 * Thrown in the sending process when an object that must cross the process boundary (a target, an argument, a
 * {@link io.github.multiprocessing4j.Process} subclass) cannot be serialized. The message names the culprit: for a
 * capturing lambda, which captured value of which type; for an object graph, the path of fields that leads to the
 * value that is not {@link java.io.Serializable}.
 *
 * <p>Nothing was sent and nothing was started when this is thrown.
 */
public class SerializationFailedException extends ProcessException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what could not be serialized and why
     * @param cause the serialization error, or {@code null}
     */
    public SerializationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}

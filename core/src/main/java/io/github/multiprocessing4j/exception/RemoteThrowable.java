package io.github.multiprocessing4j.exception;

/**
 * A stand-in for an exception from another process whose class cannot be loaded here, or that could not be
 * serialized there, or that the deserialization allow-list refused. It keeps the original class name (in
 * {@link #toString()} and {@link #originalClassName()}), the message, the stack frames, the causes and the
 * suppressed exceptions, so a stack trace printed here reads like the original.
 */
public class RemoteThrowable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String originalClassName;

    /**
     * Creates the stand-in. Set its frames with {@link #setStackTrace(StackTraceElement[])}.
     *
     * @param originalClassName the binary name of the original exception's class
     * @param message the original message, or {@code null}
     */
    public RemoteThrowable(String originalClassName, String message) {
        super(message);
        this.originalClassName = originalClassName;
    }

    /**
     * The binary name of the class of the exception this stands in for.
     *
     * @return the class name, e.g. {@code com.example.ParseException}
     */
    public String originalClassName() {
        return originalClassName;
    }

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message != null ? originalClassName + ": " + message : originalClassName;
    }
}

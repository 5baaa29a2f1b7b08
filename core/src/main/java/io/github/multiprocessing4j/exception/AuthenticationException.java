package io.github.multiprocessing4j.exception;

/**
 * A connection did not prove the authentication key (Python: {@code multiprocessing.AuthenticationError}): thrown
 * on both sides of a {@code Listener}/{@code Client} connection or a manager connection whose peers hold
 * different keys, or whose peer did not finish the challenge in time. Nothing the peer sent was deserialized;
 * the connection is closed.
 */
public class AuthenticationException extends ProcessException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, as {@code what: key=value, ...}
     */
    public AuthenticationException(String message) {
        super(message);
    }
}

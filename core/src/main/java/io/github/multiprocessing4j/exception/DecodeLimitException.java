package io.github.multiprocessing4j.exception;

/**
 * Thrown in the receiving process when a message from another process exceeds a limit of the decoder, or claims
 * more than it holds: an array or string longer than the bytes that follow it, an object graph deeper, larger or
 * more costly to hash than allowed, a message larger than allowed. Nothing of the message was kept; the channel it
 * came on stays usable (the next message is read normally).
 *
 * <p>The message names the limit and the system property that raises it, as
 * {@code message exceeds a decoding limit: limit=maxDepth, value=1001, max=1000,
 * property=multiprocessing4j.decode.maxDepth}. A limit protects a reader from a damaged or hostile peer; real data
 * that hits one can be let through by raising it (see the README, "Settings").
 */
public class DecodeLimitException extends ProcessException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which limit, the value seen, the maximum and the property to change it
     */
    public DecodeLimitException(String message) {
        super(message);
    }
}

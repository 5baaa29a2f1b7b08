package io.github.multiprocessing4j.ipc;

import io.github.multiprocessing4j.exception.ProcessException;

/**
 * Thrown by {@link Connection#recvBytesInto} when the message does not fit in the buffer (Python:
 * {@code multiprocessing.BufferTooShort}). The message has been taken off the connection; it is kept here whole
 * ({@link #message()}), so nothing is lost.
 */
public class BufferTooShortException extends ProcessException {
    private static final long serialVersionUID = 1L;
    /** The whole message that did not fit. */
    private final byte[] message;

    /**
     * Creates the exception.
     *
     * @param text what went wrong
     * @param message the whole message that did not fit
     */
    public BufferTooShortException(String text, byte[] message) {
        super(text);
        this.message = message;
    }

    /**
     * The message that did not fit.
     *
     * @return the message's bytes (not a copy)
     */
    public byte[] message() {
        return message;
    }
}

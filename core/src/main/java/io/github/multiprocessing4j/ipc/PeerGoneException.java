package io.github.multiprocessing4j.ipc;

import io.github.multiprocessing4j.ProcessException;

/**
 * Thrown to a thread blocked on a {@link Connection} or {@link Queue} when nobody is left on the other side: every
 * process that held the other end of a pipe closed it or died (Python: {@code EOFError} from {@code recv}, or
 * {@code BrokenPipeError} from {@code send}), or every other process that used a queue died. Messages already
 * in the channel are delivered before this is thrown. Raised within about 10 ms of the moment the waiting thread
 * could know.
 */
public class PeerGoneException extends ProcessException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, as {@code what: key=value, ...}
     */
    public PeerGoneException(String message) {
        super(message);
    }
}

package io.github.multiprocessing4j.exception;

/**
 * Thrown to a thread blocked on a pipe {@link io.github.multiprocessing4j.ipc.Connection}, a
 * {@link io.github.multiprocessing4j.ipc.Queue}, an {@link io.github.multiprocessing4j.sync.Event}, a
 * {@link io.github.multiprocessing4j.sync.Semaphore} or a {@link io.github.multiprocessing4j.sync.Condition} when
 * nobody is left who could wake it: every process that held the other end of a pipe closed it or died (Python:
 * {@code EOFError} from {@code recv}, {@code BrokenPipeError} from {@code send}), or every other process that held
 * the queue or primitive died or closed it. Messages already in a channel are delivered first. Raised within
 * about 10 ms of the moment the waiting thread could know.
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

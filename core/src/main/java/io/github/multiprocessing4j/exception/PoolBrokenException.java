package io.github.multiprocessing4j.exception;

import io.github.multiprocessing4j.exception.ProcessException;

/**
 * The pool cannot run tasks at all: its initializer threw, or its workers keep dying before they are ready (a bad
 * JVM option, a class path the workers cannot load). Every queued task fails with this exception, and so does
 * every later submission; the cause says why.
 *
 * <p>Python retries a failing initializer forever; this pool gives up after the first initializer failure or three
 * workers in a row that die while starting.
 */
public class PoolBrokenException extends ProcessException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, as {@code what: key=value, ...}
     * @param cause the initializer's exception or the last start failure, or {@code null}
     */
    public PoolBrokenException(String message, Throwable cause) {
        super(message, cause);
    }
}

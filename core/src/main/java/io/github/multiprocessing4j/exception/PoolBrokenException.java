package io.github.multiprocessing4j.exception;

import io.github.multiprocessing4j.exception.ProcessException;

/**
 * The pool cannot run tasks at all: its initializer threw, or its workers cannot start on their own (a bad JVM
 * option, a class path the workers cannot load, an initializer that calls {@code System.exit}). Every queued task
 * fails with this exception, and so does every later submission; the message and the cause say why.
 *
 * <p>Python retries a failing initializer forever; this pool gives up after the first initializer failure, or
 * after five workers in a row that end with an exit status before they are ready or cannot be launched (it waits
 * 100 ms, doubling up to 5 s, between those attempts). Workers killed by a signal (an operator, the OOM killer, a
 * container runtime) are replaced and never break the pool, however often it happens.
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

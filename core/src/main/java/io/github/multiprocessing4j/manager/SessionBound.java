package io.github.multiprocessing4j.manager;

/**
 * A managed object that holds something for a caller's thread (a lock): the {@link Server} tells it when that
 * caller's connection ended, on the thread that served it, so that it can let go.
 */
interface SessionBound {
    /** The connection served by the current thread ended: release what it holds. */
    void sessionEnded();
}

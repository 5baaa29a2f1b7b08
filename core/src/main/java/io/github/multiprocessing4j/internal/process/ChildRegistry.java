package io.github.multiprocessing4j.internal.process;

import io.github.multiprocessing4j.exception.ProcessStartException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The running children of this JVM that run a process or a pool worker (spare JVMs join when they are given
 * one). One per runtime. Closed by the exit sequence, after which nothing may start: the sequence has already
 * decided whom to wait for.
 *
 * <p>Thread-safe.
 */
public final class ChildRegistry {
    private final Set<ChildHandle> live = ConcurrentHashMap.newKeySet();
    private boolean closed;

    /**
     * Throws if no child may start any more.
     *
     * @throws ProcessStartException when this JVM is exiting
     */
    public synchronized void checkOpen() {
        if (closed) {
            throw exiting();
        }
    }

    /**
     * Registers a started child.
     *
     * @throws ProcessStartException when this JVM began exiting meanwhile (the caller ends the child)
     */
    synchronized void add(ChildHandle handle) {
        if (closed) {
            throw exiting();
        }
        live.add(handle);
    }

    void remove(ChildHandle handle) {
        live.remove(handle);
    }

    /** The registered children that have not ended, in no particular order. */
    public List<ChildHandle> live() {
        List<ChildHandle> running = new ArrayList<>();
        for (ChildHandle child : live) {
            if (!child.exitCode().isDone()) {
                running.add(child);
            }
        }
        return running;
    }

    /**
     * Refuses every later start and returns the children running now.
     *
     * @return the live children at the moment of closing
     */
    public synchronized List<ChildHandle> close() {
        closed = true;
        return live();
    }

    private static ProcessStartException exiting() {
        return new ProcessStartException("cannot start a process while this JVM is exiting", null);
    }
}

package io.github.multiprocessing4j.manager;

/** A custom managed type for the tests. */
public interface Counter {
    /** Adds one and returns the new count. */
    int increment();

    /** The count. */
    int get();

    /** Throws an exception in the manager. */
    void fail(String message);

    /** A new counter in the manager, returned as a proxy (its type is registered). */
    Counter child();
}

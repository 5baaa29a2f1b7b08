package io.github.multiprocessing4j.internal.shm;

/**
 * The body of an event's segment.
 *
 * <pre>
 *   0                   4                   8                                      16
 *   +-------------------+-------------------+---------------------------------------+
 *   | flag (int, 0/1)   | version (int)     | reserved                              |
 *   +-------------------+-------------------+---------------------------------------+
 * </pre>
 */
public final class EventLayout {
    public static final int VERSION = 1;
    public static final int LENGTH = 16;

    static final int FLAG = 0;
    static final int VERSION_OFFSET = 4;

    private EventLayout() {
    }
}

package io.github.multiprocessing4j.internal.shm;

/**
 * A robust cross-process lock: 64 bytes, at an 8-aligned offset of any segment body.
 *
 * <pre>
 *   0                                       8                   12                  16
 *   +---------------------------------------+-------------------+-------------------+
 *   | owner: pid &lt;&lt; 32 | thread tag, 0=free | hold count (RLock)| version           |
 *   +---------------------------------------+-------------------+-------------------+
 *  16 | pid of the last owner found dead      | times recovered from a dead owner     |
 *   +---------------------------------------+---------------------------------------+
 *  32 | reserved (32 bytes)                                                           |
 *   +-------------------------------------------------------------------------------+
 * </pre>
 *
 * The owner word is taken with a compare-and-set from 0 and freed with a release store. A waiter that finds the
 * owner's pid dead takes the lock over with a compare-and-set from the dead owner's word, and records the pid.
 */
public final class LockLayout {
    public static final int VERSION = 1;
    public static final int LENGTH = 64;

    static final int OWNER_OFFSET = 0;
    static final int COUNT_OFFSET = 8;
    static final int VERSION_OFFSET = 12;
    static final int DEAD_OWNER_OFFSET = 16;
    static final int RECOVERIES_OFFSET = 24;

    private LockLayout() {
    }
}

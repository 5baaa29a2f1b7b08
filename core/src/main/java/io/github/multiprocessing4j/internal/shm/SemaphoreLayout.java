package io.github.multiprocessing4j.internal.shm;

/**
 * The body of a semaphore's segment.
 *
 * <pre>
 *   0                   4                   8                  12                  16
 *   +-------------------+-------------------+-------------------+-------------------+
 *   | permits (int)     | bound (int), -1   | version (int)     | reserved          |
 *   |                   | = unbounded       |                   |                   |
 *   +-------------------+-------------------+-------------------+-------------------+
 * </pre>
 *
 * Permits are taken and given back with compare-and-set; the bound is written once, by the creator.
 */
public final class SemaphoreLayout {
    public static final int VERSION = 1;
    public static final int LENGTH = 16;

    static final int PERMITS = 0;
    static final int BOUND = 4;
    static final int VERSION_OFFSET = 8;

    private SemaphoreLayout() {
    }
}

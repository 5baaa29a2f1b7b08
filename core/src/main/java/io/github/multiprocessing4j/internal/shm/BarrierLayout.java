package io.github.multiprocessing4j.internal.shm;

/**
 * The body of a barrier's segment.
 *
 * <pre>
 *   0                                                                              64
 *   +-------------------------------------------------------------------------------+
 *   | lock (LockLayout, 64 bytes): guards waiting and the arrival of the last party |
 *   +-------------------+-------------------+-------------------+-------------------+
 *  64 | parties (int)     | waiting (int)     | generation (int)  | broken (int, 0/1) |
 *   +-------------------+-------------------+-------------------+-------------------+
 *  80 | broken generation | version (int)     | reserved to 96                        |
 *   | (int), -1 = none  |                   |                                       |
 *   +-------------------+-------------------+---------------------------------------+
 * </pre>
 *
 * A party arrives under the lock; the last one of a generation moves {@code generation} on, which releases the
 * others. {@code reset} moves it on too and records it as the broken generation, so the parties waiting then know
 * they were reset rather than released.
 */
public final class BarrierLayout {
    public static final int VERSION = 1;
    public static final int LENGTH = 96;

    static final int LOCK = 0;
    static final int PARTIES = 64;
    static final int WAITING = 68;
    static final int GENERATION = 72;
    static final int BROKEN = 76;
    static final int BROKEN_GENERATION = 80;
    static final int VERSION_OFFSET = 84;

    private BarrierLayout() {
    }
}

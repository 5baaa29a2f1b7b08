package io.github.multiprocessing4j.shm;

/**
 * The body of a {@link Value}'s or an {@link Array}'s segment.
 *
 * <pre>
 *   0                                                                              64
 *   +-------------------------------------------------------------------------------+
 *   | lock (LockLayout, 64 bytes): guards compound updates                          |
 *   +-------------------+-------------------+---------------------------------------+
 *  64 | type (int)        | length (int)      | reserved (56 bytes, to offset 128)    |
 *   +-------------------+-------------------+---------------------------------------+
 * 128 | elements: length x 8 bytes (int and boolean use the low 4 bytes of each slot  |
 *     | in platform order; double is stored as its long bits)                         |
 *   +-------------------------------------------------------------------------------+
 * </pre>
 * A Value is an array of length 1. Each element slot is 8 bytes and 8-aligned, so every element can be read
 * and written atomically with a VarHandle.
 */
final class ValueLayout {
    static final int VERSION = 1;
    static final int LOCK_OFFSET = 0;
    static final int TYPE_OFFSET = 64;
    static final int LENGTH_OFFSET = 68;
    static final int ELEMENTS_OFFSET = 128;
    static final int SLOT = 8;

    static final int INT = 1;
    static final int LONG = 2;
    static final int DOUBLE = 3;
    static final int BOOLEAN = 4;

    private ValueLayout() {
    }

    static long bodySize(int length) {
        return ELEMENTS_OFFSET + (long) SLOT * Math.max(1, length);
    }
}

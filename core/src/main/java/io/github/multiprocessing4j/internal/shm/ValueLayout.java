package io.github.multiprocessing4j.internal.shm;

/**
 * The body of a Value's or an Array's segment.
 *
 * <pre>
 *   0                                                                              64
 *   +-------------------------------------------------------------------------------+
 *   | lock (LockLayout, 64 bytes): guards compound updates                          |
 *   +-------------------+-------------------+---------------------------------------+
 *  64 | type (int)        | length (int)      | typecode (int: Python's letter, 0 =   |
 *     |                   |                   | the type's default) | reserved        |
 *   +-------------------+-------------------+---------------------------------------+
 * 128 | elements: length x 8 bytes (int and boolean use the low 4 bytes of each slot  |
 *     | in platform order; double is stored as its long bits)                         |
 *   +-------------------------------------------------------------------------------+
 * </pre>
 * A Value is an array of length 1. The typecode ({@code 'B'}, {@code 'H'}...) says which range the slot's
 * values keep; the type says how the slot is read. Each element slot is 8 bytes and 8-aligned, so every element
 * can be read and written atomically with a VarHandle.
 */
public final class ValueLayout {
    public static final int VERSION = 1;
    public static final int LOCK_OFFSET = 0;
    public static final int TYPE_OFFSET = 64;
    public static final int LENGTH_OFFSET = 68;
    public static final int TYPECODE_OFFSET = 72;
    public static final int ELEMENTS_OFFSET = 128;
    public static final int SLOT = 8;

    public static final int INT = 1;
    public static final int LONG = 2;
    public static final int DOUBLE = 3;
    public static final int BOOLEAN = 4;

    private ValueLayout() {
    }

    public static long bodySize(int length) {
        return ELEMENTS_OFFSET + (long) SLOT * Math.max(1, length);
    }
}

package io.github.multiprocessing4j.shm;

/**
 * Makes shared arrays of primitives (Python: {@code multiprocessing.Array(typecode, size_or_initializer)}): a fixed
 * number of ints, longs or doubles in shared memory, zero-initialized or copied from a Java array, with their own
 * cross-process lock. See {@link IntArray} for what crosses the process boundary, blocking and lifetime.
 */
public final class Array {
    private Array() {
    }

    /**
     * A shared int array of zeros (Python: {@code Array('i', n)}).
     *
     * @param length the number of elements, at least 0
     * @return the array
     * @throws IllegalArgumentException for a negative length
     * @throws java.io.UncheckedIOException when the shared-memory directory ({@code /dev/shm}) cannot supply the
     *     memory (full or too small); the message names the directory and the size in bytes
     */
    public static IntArray ofInt(int length) {
        return new IntArray(length);
    }

    /**
     * A shared long array of zeros (Python: {@code Array('q', n)}).
     *
     * @param length the number of elements, at least 0
     * @return the array
     * @throws IllegalArgumentException for a negative length
     * @throws java.io.UncheckedIOException when the shared-memory directory ({@code /dev/shm}) cannot supply the
     *     memory (full or too small); the message names the directory and the size in bytes
     */
    public static LongArray ofLong(int length) {
        return new LongArray(length);
    }

    /**
     * A shared double array of zeros (Python: {@code Array('d', n)}).
     *
     * @param length the number of elements, at least 0
     * @return the array
     * @throws IllegalArgumentException for a negative length
     * @throws java.io.UncheckedIOException when the shared-memory directory ({@code /dev/shm}) cannot supply the
     *     memory (full or too small); the message names the directory and the size in bytes
     */
    public static DoubleArray ofDouble(int length) {
        return new DoubleArray(length);
    }

    /**
     * A shared int array holding a copy of {@code values} (Python: {@code Array('i', [1, 2, 3])}).
     *
     * @param values the initial elements
     * @return the array
     * @throws java.io.UncheckedIOException when the shared-memory directory ({@code /dev/shm}) cannot supply the
     *     memory (full or too small); the message names the directory and the size in bytes
     */
    public static IntArray copyOf(int[] values) {
        IntArray a = new IntArray(values.length);
        for (int i = 0; i < values.length; i++) {
            a.set(i, values[i]);
        }
        return a;
    }

    /**
     * A shared long array holding a copy of {@code values}.
     *
     * @param values the initial elements
     * @return the array
     * @throws java.io.UncheckedIOException when the shared-memory directory ({@code /dev/shm}) cannot supply the
     *     memory (full or too small); the message names the directory and the size in bytes
     */
    public static LongArray copyOf(long[] values) {
        LongArray a = new LongArray(values.length);
        for (int i = 0; i < values.length; i++) {
            a.set(i, values[i]);
        }
        return a;
    }

    /**
     * A shared double array holding a copy of {@code values}.
     *
     * @param values the initial elements
     * @return the array
     * @throws java.io.UncheckedIOException when the shared-memory directory ({@code /dev/shm}) cannot supply the
     *     memory (full or too small); the message names the directory and the size in bytes
     */
    public static DoubleArray copyOf(double[] values) {
        DoubleArray a = new DoubleArray(values.length);
        for (int i = 0; i < values.length; i++) {
            a.set(i, values[i]);
        }
        return a;
    }
}

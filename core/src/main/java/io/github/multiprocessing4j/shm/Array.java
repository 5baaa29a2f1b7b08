package io.github.multiprocessing4j.shm;

import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.ValueLayout;
import io.github.multiprocessing4j.internal.shm.Words;
import io.github.multiprocessing4j.sync.Lock;
import io.github.multiprocessing4j.sync.Lockable;
import io.github.multiprocessing4j.sync.RLock;
import java.util.Collection;

/**
 * A fixed-length shared array (Python: {@code multiprocessing.Array(typecode, size_or_initializer, lock=True)} and
 * {@code sharedctypes.RawArray}): numbers of one C type in shared memory, with a cross-process lock.
 *
 * <pre>{@code
 * IntArray counts = Array.of('i', 10);                 // ten zeros; or Array.ofInt(10)
 * DoubleArray xs = Array.of('d', new double[] {1, 2});  // a copy of a Java array or a Collection
 * CharArray text = Array.of('c', "hi".getBytes(US_ASCII));
 * }</pre>
 *
 * <p>Typecodes and classes: {@code 'b' 'B' 'h' 'H' 'i'} make an {@link IntArray}, {@code 'I' 'l' 'L' 'q' 'Q'} a
 * {@link LongArray}, {@code 'f' 'd'} a {@link DoubleArray}, {@code 'c'} a {@link CharArray} (bytes, with Python's
 * {@code .value} and {@code .raw}); ranges, wrapping and the unsigned 64-bit convention are those of {@link Value}.
 * Not built: arrays of {@code '?'} (use {@code 'B'}), of ctypes structures, and Python's negative indices and
 * clamping slices ({@code get(from, to)} takes Java's half-open range and throws when it is out of bounds).
 *
 * <p>The lock: as for {@link Value} (Python's default {@code lock=True} gives the array its own {@link RLock}; a
 * given {@link Lock} or {@link RLock} is shared; {@code lock=false} and {@link #raw} give none).
 *
 * <p>Thread-safe. Each element read or write is atomic (no lock); {@code addAndGet} and {@code compareAndSet}
 * are lock-free; a slice or a compound update of several elements is atomic only under {@link #getLock()}. An
 * index outside {@code [0, length)} throws {@link IndexOutOfBoundsException} with the index and the length.
 * Nothing blocks but the lock. Each element takes an 8-byte slot (also for {@code 'c'}, {@code 'b'}...), so that
 * every element is atomic.
 *
 * <p>What crosses the process boundary: only the name of the shared-memory file, the lock choice and a given lock's
 * handle; an array passed to a child (as an argument or in a queue message) is the same memory there. The file is
 * removed when the last process holding it closes it or exits, or when the creating process exits; attached
 * processes keep their mapping. A process that dies never corrupts an element; if it dies holding the lock, the
 * next acquirer recovers the lock (see {@link Lock}).
 */
public abstract sealed class Array extends SharedSlots permits IntArray, LongArray, DoubleArray, CharArray {
    private static final long serialVersionUID = 1L;

    Array(Typecode typecode, int length, int lockMode, Lockable given) {
        super(typecode, length, true, "array", lockMode, given);
    }

    Array(Attachment attachment, int type, int lockMode, Lockable given) {
        super(attachment, type, true, lockMode, given);
    }

    /**
     * The number of elements (Python: {@code len(a)}).
     *
     * @return the length
     */
    public int length() {
        return length;
    }

    /**
     * The raw array without its lock (Python: {@code get_obj()}): the same memory, {@link #hasLock()} false.
     *
     * @return the raw array
     * @throws IllegalStateException when this array has no lock (it is the raw object already)
     */
    public Array getObj() {
        return (Array) rawObj();
    }

    /** Writes a slot's content as {@link Typecode#fromObject} made it. */
    final void putBits(int index, long bits) {
        if (typecode.slot == ValueLayout.INT) {
            Words.setIntVolatile(body, at(index), (int) bits);
        } else {
            Words.setLongVolatile(body, at(index), bits);
        }
    }

    /**
     * A shared array with its own lock (Python: {@code Array(typecode, size_or_initializer)}). The result's class
     * follows the typecode (see above): assign it to {@code IntArray}, {@code LongArray}, {@code DoubleArray},
     * {@code CharArray} or {@code Array}; another class throws {@link ClassCastException}.
     *
     * @param <A> the array's class
     * @param typecode one of {@code c b B h H i I l L q Q f d}
     * @param sizeOrInitializer a length (an {@code Integer} or {@code Long}: that many zeros), or the elements: a
     *     Java array of primitives or boxes, or a {@code Collection}, each element as {@link Value#setValue} takes it
     *     (a {@code byte[]} for {@code 'c'} is Python's bytes)
     * @return the array
     * @throws IllegalArgumentException for an unknown typecode, {@code '?'}, a negative length, or an element of
     *     the wrong type or out of range (checked before the shared memory is made)
     */
    public static <A extends Array> A of(char typecode, Object sizeOrInitializer) {
        return make(typecode, sizeOrInitializer, OWN_LOCK, null);
    }

    /**
     * A shared array with or without a lock (Python: {@code Array(typecode, size_or_initializer, lock=True|False)}).
     *
     * @param <A> the array's class
     * @param typecode one of {@code c b B h H i I l L q Q f d}
     * @param sizeOrInitializer a length or the elements, as for {@link #of(char, Object)}
     * @param lock true for its own {@link RLock}, false for none
     * @return the array
     * @throws IllegalArgumentException as for {@link #of(char, Object)}
     */
    public static <A extends Array> A of(char typecode, Object sizeOrInitializer, boolean lock) {
        return make(typecode, sizeOrInitializer, lockMode(lock, null), null);
    }

    /**
     * A shared array guarded by a given lock (Python: {@code Array(typecode, size_or_initializer, lock=some_lock)}).
     *
     * @param <A> the array's class
     * @param typecode one of {@code c b B h H i I l L q Q f d}
     * @param sizeOrInitializer a length or the elements, as for {@link #of(char, Object)}
     * @param lock a {@link Lock} or {@link RLock}; null means a new lock of its own, as Python's {@code lock=None}
     * @return the array
     * @throws IllegalArgumentException as for {@link #of(char, Object)}
     */
    public static <A extends Array> A of(char typecode, Object sizeOrInitializer, Lockable lock) {
        return make(typecode, sizeOrInitializer, lockMode(true, lock), lock);
    }

    /**
     * A shared array without a lock (Python: {@code sharedctypes.RawArray(typecode, size_or_initializer)}).
     *
     * @param <A> the array's class
     * @param typecode one of {@code c b B h H i I l L q Q f d}
     * @param sizeOrInitializer a length or the elements, as for {@link #of(char, Object)}
     * @return the array
     * @throws IllegalArgumentException as for {@link #of(char, Object)}
     */
    public static <A extends Array> A raw(char typecode, Object sizeOrInitializer) {
        return make(typecode, sizeOrInitializer, NO_LOCK, null);
    }

    @SuppressWarnings("unchecked") // the caller names the class; the Javadoc says which one it is
    private static <A extends Array> A make(char code, Object sizeOrInitializer, int lockMode, Lockable given) {
        Typecode t = Typecode.of(code);
        if (t == Typecode.BOOL) {
            throw new IllegalArgumentException("arrays of typecode '?' are not built: use 'B' (0 or 1)");
        }
        long[] bits = elements(t, sizeOrInitializer);
        int n = bits == null ? size(sizeOrInitializer) : bits.length;
        Array a = t == Typecode.CHAR ? new CharArray(t, n, lockMode, given)
                : t.slot == ValueLayout.INT ? new IntArray(t, n, lockMode, given)
                : t.slot == ValueLayout.LONG ? new LongArray(t, n, lockMode, given)
                : new DoubleArray(t, n, lockMode, given);
        for (int i = 0; bits != null && i < n; i++) {
            a.putBits(i, bits[i]);
        }
        return (A) a;
    }

    private static int size(Object size) {
        long n = ((Number) size).longValue();
        if (n > MAX_LENGTH) {
            throw new IllegalArgumentException("array too long for one shared memory segment: length=" + n
                    + ", max=" + MAX_LENGTH);
        }
        return (int) Math.max(n, Integer.MIN_VALUE);
    }

    /** The slots' contents for an initializer, checked; null when {@code init} is a size. */
    private static long[] elements(Typecode t, Object init) {
        if (init instanceof Integer || init instanceof Long || init instanceof Short) {
            return null;
        }
        Object[] items;
        if (init instanceof Collection) {
            items = ((Collection<?>) init).toArray();
        } else if (init != null && init.getClass().isArray()) {
            items = new Object[java.lang.reflect.Array.getLength(init)];
            for (int i = 0; i < items.length; i++) {
                items[i] = java.lang.reflect.Array.get(init, i);
            }
        } else {
            throw new IllegalArgumentException("size_or_initializer must be a length (Integer or Long), a Java array"
                    + " or a Collection: type=" + (init == null ? "null" : init.getClass().getName()));
        }
        long[] bits = new long[items.length];
        for (int i = 0; i < items.length; i++) {
            bits[i] = t.fromObject(items[i]);
        }
        return bits;
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
        return new IntArray(Typecode.INT, length, OWN_LOCK, null);
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
        return new LongArray(Typecode.LONGLONG, length, OWN_LOCK, null);
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
        return new DoubleArray(Typecode.DOUBLE, length, OWN_LOCK, null);
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
        IntArray a = ofInt(values.length);
        a.set(0, values);
        return a;
    }

    /**
     * A shared long array holding a copy of {@code values} (Python: {@code Array('q', [1, 2, 3])}).
     *
     * @param values the initial elements
     * @return the array
     * @throws java.io.UncheckedIOException when the shared-memory directory ({@code /dev/shm}) cannot supply the
     *     memory (full or too small); the message names the directory and the size in bytes
     */
    public static LongArray copyOf(long[] values) {
        LongArray a = ofLong(values.length);
        a.set(0, values);
        return a;
    }

    /**
     * A shared double array holding a copy of {@code values} (Python: {@code Array('d', [1.5, 2.5])}).
     *
     * @param values the initial elements
     * @return the array
     * @throws java.io.UncheckedIOException when the shared-memory directory ({@code /dev/shm}) cannot supply the
     *     memory (full or too small); the message names the directory and the size in bytes
     */
    public static DoubleArray copyOf(double[] values) {
        DoubleArray a = ofDouble(values.length);
        a.set(0, values);
        return a;
    }
}

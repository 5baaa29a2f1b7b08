package io.github.multiprocessing4j.shm;

import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.ValueLayout;
import io.github.multiprocessing4j.internal.shm.Words;
import io.github.multiprocessing4j.sync.Lockable;

/**
 * A shared array of typecode {@code 'I'}, {@code 'l'}, {@code 'L'}, {@code 'q'} or {@code 'Q'} (Python:
 * {@code multiprocessing.Array('q', n)}), made by {@link Array#of} or {@link Array#ofLong}. {@link #set} rejects a
 * value outside the typecode's range ({@code 'I'} only); {@link #addAndGet} wraps (see {@link Value}). For
 * {@code 'L'} and {@code 'Q'} a long holds the 64 bits, in Java's unsigned convention ({@link Long#toUnsignedString}).
 *
 * <p>Thread-safety, blocking, what crosses the process boundary and lifetime: as for every {@link Array}.
 */
public final class LongArray extends Array {
    private static final long serialVersionUID = 1L;

    LongArray(Typecode typecode, int length, int lockMode, Lockable given) {
        super(typecode, length, lockMode, given);
    }

    LongArray(Attachment attachment, int lockMode, Lockable given) {
        super(attachment, ValueLayout.LONG, lockMode, given);
    }

    /**
     * Reads an element (Python: {@code a[index]}).
     *
     * @param index the index
     * @return the element
     * @throws IndexOutOfBoundsException when the index is out of range
     * @throws IllegalStateException after close
     */
    public long get(int index) {
        return longAt(index);
    }

    /**
     * Writes an element (Python: {@code a[index] = value}).
     *
     * @param index the index
     * @param value the new element
     * @throws IndexOutOfBoundsException when the index is out of range
     * @throws IllegalArgumentException when the value is out of the typecode's range
     * @throws IllegalStateException after close
     */
    public void set(int index, long value) {
        Words.setLongVolatile(body, at(index), typecode.check(value));
    }

    /**
     * Copies elements {@code [from, to)} (Python: {@code a[from:to]}), each read atomically.
     *
     * @param from the first index
     * @param to the index after the last
     * @return a new Java array
     * @throws IndexOutOfBoundsException when the range is not within {@code [0, length]}
     */
    public long[] get(int from, int to) {
        checkSlice(from, to);
        long[] out = new long[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = get(i);
        }
        return out;
    }

    /**
     * Writes {@code values} from index {@code from} on (Python: {@code a[from:from + len(values)] = values}).
     *
     * @param from the first index
     * @param values the new elements
     * @throws IndexOutOfBoundsException when they do not fit
     * @throws IllegalArgumentException when a value is out of the typecode's range (the earlier ones are written)
     */
    public void set(int from, long[] values) {
        checkSlice(from, from + values.length);
        for (int i = 0; i < values.length; i++) {
            set(from + i, values[i]);
        }
    }

    /**
     * Copies all the elements (Python: {@code a[:]}).
     *
     * @return a new Java array
     */
    public long[] toArray() {
        return get(0, length);
    }

    /**
     * Adds to an element atomically, without the lock, wrapping to the typecode's width as C does.
     *
     * @param index the index
     * @param delta what to add
     * @return the new element
     */
    public long addAndGet(int index, long delta) {
        return addAndGetAt(index, delta);
    }

    /**
     * Sets an element to {@code update} if it is {@code expected}, atomically.
     *
     * @param index the index
     * @param expected the element expected
     * @param update the new element
     * @return whether the element was set
     * @throws IllegalArgumentException when {@code update} is out of the typecode's range
     */
    public boolean compareAndSet(int index, long expected, long update) {
        return Words.casLong(body, at(index), expected, typecode.check(update));
    }

    @Override
    public LongArray getObj() {
        return (LongArray) rawObj();
    }

    @Override
    public String toString() {
        return "<LongArray '" + typecode() + "' " + name() + " length=" + length + ">";
    }
}

package io.github.multiprocessing4j.shm;

import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.ValueLayout;
import io.github.multiprocessing4j.internal.shm.Words;
import io.github.multiprocessing4j.sync.Lockable;

/**
 * A shared array of typecode {@code 'b'}, {@code 'B'}, {@code 'h'}, {@code 'H'} or {@code 'i'} (Python:
 * {@code multiprocessing.Array('i', n)}), made by {@link Array#of} or {@link Array#ofInt}. {@link #set} rejects a
 * value outside the typecode's range; {@link #addAndGet} wraps (see {@link Value}).
 *
 * <p>Thread-safety, blocking, what crosses the process boundary and lifetime: as for every {@link Array}.
 */
public final class IntArray extends Array {
    private static final long serialVersionUID = 1L;

    IntArray(Typecode typecode, int length, int lockMode, Lockable given) {
        super(typecode, length, lockMode, given);
    }

    IntArray(Attachment attachment, int lockMode, Lockable given) {
        super(attachment, ValueLayout.INT, lockMode, given);
    }

    /**
     * Reads an element (Python: {@code a[index]}).
     *
     * @param index the index
     * @return the element
     * @throws IndexOutOfBoundsException when the index is out of range
     * @throws IllegalStateException after close
     */
    public int get(int index) {
        return intAt(index);
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
    public void set(int index, int value) {
        Words.setIntVolatile(body, at(index), (int) typecode.check(value));
    }

    /**
     * Copies elements {@code [from, to)} (Python: {@code a[from:to]}), each read atomically.
     *
     * @param from the first index
     * @param to the index after the last
     * @return a new Java array
     * @throws IndexOutOfBoundsException when the range is not within {@code [0, length]}
     */
    public int[] get(int from, int to) {
        checkSlice(from, to);
        int[] out = new int[to - from];
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
    public void set(int from, int[] values) {
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
    public int[] toArray() {
        return get(0, length);
    }

    /**
     * Adds to an element atomically, without the lock, wrapping to the typecode's width as C does.
     *
     * @param index the index
     * @param delta what to add
     * @return the new element
     */
    public int addAndGet(int index, int delta) {
        return (int) addAndGetAt(index, delta);
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
    public boolean compareAndSet(int index, int expected, int update) {
        return Words.casInt(body, at(index), expected, (int) typecode.check(update));
    }

    @Override
    public IntArray getObj() {
        return (IntArray) rawObj();
    }

    @Override
    public String toString() {
        return "<IntArray '" + typecode() + "' " + name() + " length=" + length + ">";
    }
}

package io.github.multiprocessing4j.shm;

import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.ValueLayout;
import io.github.multiprocessing4j.internal.shm.Words;
import io.github.multiprocessing4j.sync.Lockable;

/**
 * A shared array of typecode {@code 'd'} or {@code 'f'} (Python: {@code multiprocessing.Array('d', n)}), made by
 * {@link Array#of} or {@link Array#ofDouble}. For {@code 'f'} every write is rounded to the nearest float.
 *
 * <p>Thread-safety, blocking, what crosses the process boundary and lifetime: as for every {@link Array}.
 */
public final class DoubleArray extends Array {
    private static final long serialVersionUID = 1L;

    DoubleArray(Typecode typecode, int length, int lockMode, Lockable given) {
        super(typecode, length, lockMode, given);
    }

    DoubleArray(Attachment attachment, int lockMode, Lockable given) {
        super(attachment, ValueLayout.DOUBLE, lockMode, given);
    }

    /**
     * Reads an element (Python: {@code a[index]}).
     *
     * @param index the index
     * @return the element
     * @throws IndexOutOfBoundsException when the index is out of range
     * @throws IllegalStateException after close
     */
    public double get(int index) {
        return Double.longBitsToDouble(longAt(index));
    }

    /**
     * Writes an element (Python: {@code a[index] = value}), rounded to float for {@code 'f'}.
     *
     * @param index the index
     * @param value the new element
     * @throws IndexOutOfBoundsException when the index is out of range
     * @throws IllegalStateException after close
     */
    public void set(int index, double value) {
        Words.setLongVolatile(body, at(index), Double.doubleToRawLongBits(typecode.round(value)));
    }

    /**
     * Copies elements {@code [from, to)} (Python: {@code a[from:to]}), each read atomically.
     *
     * @param from the first index
     * @param to the index after the last
     * @return a new Java array
     * @throws IndexOutOfBoundsException when the range is not within {@code [0, length]}
     */
    public double[] get(int from, int to) {
        checkSlice(from, to);
        double[] out = new double[to - from];
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
     */
    public void set(int from, double[] values) {
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
    public double[] toArray() {
        return get(0, length);
    }

    @Override
    public DoubleArray getObj() {
        return (DoubleArray) rawObj();
    }

    @Override
    public String toString() {
        return "<DoubleArray '" + typecode() + "' " + name() + " length=" + length + ">";
    }
}

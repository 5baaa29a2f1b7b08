package io.github.multiprocessing4j.shm;

import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.ValueLayout;
import io.github.multiprocessing4j.internal.shm.Words;
import io.github.multiprocessing4j.sync.Lock;

/**
 * A fixed-length array of double in shared memory (Python: {@code multiprocessing.Array('d', n)}), made by
 * {@link Array}.
 *
 * <p>Thread-safe. Each element read or write is atomic (no lock); {@code addAndGet} and {@code compareAndSet}
 * are lock-free; compound updates of several elements belong under {@link #getLock()}. An index outside
 * {@code [0, length)} throws {@link IndexOutOfBoundsException} with the index and the length. Nothing blocks but
 * the lock.
 *
 * <p>What crosses the process boundary: only the name of the shared-memory file; an array passed to a child is
 * the same memory there. The file is removed when the last process holding it closes it or
 * exits, or when the creating process exits; attached
 * processes keep their mapping. A process that dies never corrupts an element; if it dies holding the lock, the
 * next acquirer recovers the lock (see {@link Lock}).
 */
public final class DoubleArray extends SharedSlots {
    private static final long serialVersionUID = 1L;

    DoubleArray(int length) {
        super(ValueLayout.DOUBLE, length, true, "array");
    }

    DoubleArray(Attachment attachment) {
        super(attachment, ValueLayout.DOUBLE, true);
    }

    /**
     * The number of elements.
     *
     * @return the length
     */
    public int length() {
        return length;
    }

    /**
     * Reads an element.
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
     * Writes an element.
     *
     * @param index the index
     * @param value the new element
     * @throws IndexOutOfBoundsException when the index is out of range
     * @throws IllegalStateException after close
     */
    public void set(int index, double value) {
        Words.setLongVolatile(body, at(index), Double.doubleToRawLongBits(value));
    }

    /**
     * Copies the elements (each read atomically; the whole copy is atomic only under the lock).
     *
     * @return a new Java array
     */
    public double[] toArray() {
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = get(i);
        }
        return out;
    }

    @Override
    public String toString() {
        return "<DoubleArray " + name() + " length=" + length + ">";
    }
}

package io.github.multiprocessing4j.shm;

import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.ValueLayout;
import io.github.multiprocessing4j.internal.shm.Words;
import io.github.multiprocessing4j.sync.Lock;

/**
 * A fixed-length array of long in shared memory (Python: {@code multiprocessing.Array('q', n)}), made by
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
public final class LongArray extends SharedSlots {
    private static final long serialVersionUID = 1L;

    LongArray(int length) {
        super(ValueLayout.LONG, length, true, "array");
    }

    LongArray(Attachment attachment) {
        super(attachment, ValueLayout.LONG, true);
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
    public long get(int index) {
        return longAt(index);
    }

    /**
     * Writes an element.
     *
     * @param index the index
     * @param value the new element
     * @throws IndexOutOfBoundsException when the index is out of range
     * @throws IllegalStateException after close
     */
    public void set(int index, long value) {
        Words.setLongVolatile(body, at(index), value);
    }

    /**
     * Copies the elements (each read atomically; the whole copy is atomic only under the lock).
     *
     * @return a new Java array
     */
    public long[] toArray() {
        long[] out = new long[length];
        for (int i = 0; i < length; i++) {
            out[i] = get(i);
        }
        return out;
    }

    /**
     * Adds to an element atomically, without the lock.
     *
     * @param index the index
     * @param delta what to add
     * @return the new element
     */
    public long addAndGet(int index, long delta) {
        return Words.getAndAddLong(body, at(index), delta) + delta;
    }

    /**
     * Sets an element to {@code update} if it is {@code expected}, atomically.
     *
     * @param index the index
     * @param expected the element expected
     * @param update the new element
     * @return whether the element was set
     */
    public boolean compareAndSet(int index, long expected, long update) {
        return Words.casLong(body, at(index), expected, update);
    }

    @Override
    public String toString() {
        return "<LongArray " + name() + " length=" + length + ">";
    }
}

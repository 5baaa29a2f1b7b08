package io.github.multiprocessing4j.shm;

import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.ValueLayout;
import io.github.multiprocessing4j.internal.shm.Words;
import io.github.multiprocessing4j.sync.Lock;

/**
 * A shared double (Python: {@code multiprocessing.Value('d', ...)}), made by {@link Value#ofDouble}.
 *
 * <p>Thread-safe. {@link #get()} and {@link #set} are single atomic reads and writes of shared memory (no lock);
 * the update methods are lock-free atomic operations. A compound update written as get-then-set is not atomic
 * (as Python's {@code v.value += 1} is not): do it under {@link #getLock()}. Nothing blocks but that lock.
 *
 * <p>What crosses the process boundary: only the name of the shared-memory file; a value passed to a child (as an
 * argument or captured by a target lambda) is the same memory there. The file is removed when the last process holding it closes it or
 * exits, or when the creating process exits; the memory stays valid for processes that are attached. A process that dies
 * never corrupts the value; if it dies holding the lock, the next acquirer recovers the lock (see {@link Lock}).
 */
public final class DoubleValue extends SharedSlots {
    private static final long serialVersionUID = 1L;

    DoubleValue(double initial) {
        super(ValueLayout.DOUBLE, 1, false, "value");
        set(initial);
    }

    DoubleValue(Attachment attachment) {
        super(attachment, ValueLayout.DOUBLE, false);
    }

    /**
     * Reads the value (Python: {@code v.value}).
     *
     * @return the value
     * @throws IllegalStateException after close
     */
    public double get() {
        return Double.longBitsToDouble(longAt(0));
    }

    /**
     * Writes the value (Python: {@code v.value = x}).
     *
     * @param value the new value
     * @throws IllegalStateException after close
     */
    public void set(double value) {
        Words.setLongVolatile(body, at(0), Double.doubleToRawLongBits(value));
    }

    /**
     * Adds to the value atomically (a compare-and-set loop), without the lock.
     *
     * @param delta what to add
     * @return the new value
     */
    public double addAndGet(double delta) {
        int at = at(0);
        while (true) {
            long bits = Words.getLongVolatile(body, at);
            double next = Double.longBitsToDouble(bits) + delta;
            if (Words.casLong(body, at, bits, Double.doubleToRawLongBits(next))) {
                return next;
            }
        }
    }

    /**
     * Sets the value to {@code update} if its bits are those of {@code expected}, atomically.
     *
     * @param expected the value expected
     * @param update the new value
     * @return whether the value was set
     */
    public boolean compareAndSet(double expected, double update) {
        return Words.casLong(body, at(0), Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(update));
    }

    @Override
    public String toString() {
        return "<DoubleValue " + name() + " value=" + (attachment.isClosed() ? "closed" : String.valueOf(get())) + ">";
    }
}

package io.github.multiprocessing4j.shm;

import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.ValueLayout;
import io.github.multiprocessing4j.internal.shm.Words;
import io.github.multiprocessing4j.sync.Lockable;

/**
 * A shared value of typecode {@code 'd'} or {@code 'f'} (Python: {@code multiprocessing.Value('d', ...)}), made by
 * {@link Value#of} or {@link Value#ofDouble}. For {@code 'f'} every write is rounded to the nearest float, as
 * ctypes' {@code c_float} stores it (a double beyond float's range becomes infinity).
 *
 * <p>Thread-safe. {@link #get()} and {@link #set} are single atomic reads and writes of shared memory (no lock);
 * the update methods are lock-free atomic operations. A compound update written as get-then-set is not atomic
 * (as Python's {@code v.value += 1} is not): do it under {@link #getLock()}. Nothing blocks but that lock.
 *
 * <p>What crosses the process boundary, lifetime and a dying process: as for every {@link Value}.
 */
public final class DoubleValue extends Value {
    private static final long serialVersionUID = 1L;

    DoubleValue(Typecode typecode, double initial, int lockMode, Lockable given) {
        super(typecode, lockMode, given);
        set(initial);
    }

    DoubleValue(Attachment attachment, int lockMode, Lockable given) {
        super(attachment, ValueLayout.DOUBLE, lockMode, given);
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
     * Writes the value (Python: {@code v.value = x}), rounded to float for {@code 'f'}.
     *
     * @param value the new value
     * @throws IllegalStateException after close
     */
    public void set(double value) {
        Words.setLongVolatile(body, at(0), Double.doubleToRawLongBits(typecode.round(value)));
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
            double next = typecode.round(Double.longBitsToDouble(bits) + delta);
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
        return Words.casLong(body, at(0), Double.doubleToRawLongBits(expected),
                Double.doubleToRawLongBits(typecode.round(update)));
    }

    @Override
    public Object getValue() {
        return get();
    }

    @Override
    public void setValue(Object value) {
        set(typecode.toDouble(value));
    }

    @Override
    public DoubleValue getObj() {
        return (DoubleValue) rawObj();
    }

    @Override
    public String toString() {
        return "<DoubleValue '" + typecode() + "' " + name() + " value="
                + (attachment.isClosed() ? "closed" : String.valueOf(get())) + ">";
    }
}

package io.github.multiprocessing4j.shm;

import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.ValueLayout;
import io.github.multiprocessing4j.internal.shm.Words;
import io.github.multiprocessing4j.sync.Lockable;

/**
 * A shared value of typecode {@code 'I'}, {@code 'l'}, {@code 'L'}, {@code 'q'} or {@code 'Q'} (Python:
 * {@code multiprocessing.Value('q', ...)}), made by {@link Value#of} or {@link Value#ofLong}. For {@code 'L'} and
 * {@code 'Q'} (unsigned 64-bit) the long holds the 64 bits, in Java's unsigned convention
 * ({@link Long#toUnsignedString}, {@link Long#compareUnsigned}); {@link #getValue()} gives the number as a
 * {@code BigInteger}.
 *
 * <p>Thread-safe. {@link #get()} and {@link #set} are single atomic reads and writes of shared memory (no lock);
 * the update methods are lock-free atomic operations. A compound update written as get-then-set is not atomic
 * (as Python's {@code v.value += 1} is not): do it under {@link #getLock()}. Nothing blocks but that lock.
 * {@link #set} rejects a value outside the typecode's range; {@link #addAndGet} wraps (see {@link Value}).
 *
 * <p>What crosses the process boundary, lifetime and a dying process: as for every {@link Value}.
 */
public final class LongValue extends Value {
    private static final long serialVersionUID = 1L;

    LongValue(Typecode typecode, long initial, int lockMode, Lockable given) {
        super(typecode, lockMode, given);
        set(initial);
    }

    LongValue(Attachment attachment, int lockMode, Lockable given) {
        super(attachment, ValueLayout.LONG, lockMode, given);
    }

    /**
     * Reads the value (Python: {@code v.value}).
     *
     * @return the value
     * @throws IllegalStateException after close
     */
    public long get() {
        return longAt(0);
    }

    /**
     * Writes the value (Python: {@code v.value = x}).
     *
     * @param value the new value
     * @throws IllegalArgumentException when out of the typecode's range ({@code 'I'} only: every long is in range
     *     of the 64-bit typecodes)
     * @throws IllegalStateException after close
     */
    public void set(long value) {
        Words.setLongVolatile(body, at(0), typecode.check(value));
    }

    /**
     * Adds to the value atomically, without the lock, wrapping to the typecode's width as C does.
     *
     * @param delta what to add
     * @return the new value
     */
    public long addAndGet(long delta) {
        return addAndGetAt(0, delta);
    }

    /**
     * Sets the value to {@code update} if it is {@code expected}, atomically.
     *
     * @param expected the value expected
     * @param update the new value
     * @return whether the value was set
     * @throws IllegalArgumentException when {@code update} is out of the typecode's range
     */
    public boolean compareAndSet(long expected, long update) {
        return Words.casLong(body, at(0), expected, typecode.check(update));
    }

    @Override
    public Object getValue() {
        return typecode.box(get());
    }

    @Override
    public void setValue(Object value) {
        set(typecode.fromObject(value));
    }

    @Override
    public LongValue getObj() {
        return (LongValue) rawObj();
    }

    @Override
    public String toString() {
        return "<LongValue '" + typecode() + "' " + name() + " value="
                + (attachment.isClosed() ? "closed" : String.valueOf(getValue())) + ">";
    }
}

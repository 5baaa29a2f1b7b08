package io.github.multiprocessing4j.shm;

import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.ValueLayout;
import io.github.multiprocessing4j.internal.shm.Words;
import io.github.multiprocessing4j.sync.Lockable;

/**
 * A shared value of typecode {@code 'c'}, {@code 'b'}, {@code 'B'}, {@code 'h'}, {@code 'H'} or {@code 'i'}
 * (Python: {@code multiprocessing.Value('i', ...)}), made by {@link Value#of} or {@link Value#ofInt}.
 *
 * <p>Thread-safe. {@link #get()} and {@link #set} are single atomic reads and writes of shared memory (no lock);
 * the update methods are lock-free atomic operations. A compound update written as get-then-set is not atomic
 * (as Python's {@code v.value += 1} is not): do it under {@link #getLock()}. Nothing blocks but that lock.
 * {@link #set} rejects a value outside the typecode's range; {@link #addAndGet} wraps (see {@link Value}).
 *
 * <p>What crosses the process boundary, lifetime and a dying process: as for every {@link Value}.
 */
public final class IntValue extends Value {
    private static final long serialVersionUID = 1L;

    IntValue(Typecode typecode, int initial, int lockMode, Lockable given) {
        super(typecode, lockMode, given);
        set(initial);
    }

    IntValue(Attachment attachment, int lockMode, Lockable given) {
        super(attachment, ValueLayout.INT, lockMode, given);
    }

    /**
     * Reads the value (Python: {@code v.value}; for {@code 'c'} the byte as 0..255).
     *
     * @return the value
     * @throws IllegalStateException after close
     */
    public int get() {
        return intAt(0);
    }

    /**
     * Writes the value (Python: {@code v.value = x}).
     *
     * @param value the new value
     * @throws IllegalArgumentException when out of the typecode's range
     * @throws IllegalStateException after close
     */
    public void set(int value) {
        Words.setIntVolatile(body, at(0), (int) typecode.check(value));
    }

    /**
     * Adds to the value atomically, without the lock, wrapping to the typecode's width as C does.
     *
     * @param delta what to add
     * @return the new value
     */
    public int addAndGet(int delta) {
        return (int) addAndGetAt(0, delta);
    }

    /**
     * Sets the value to {@code update} if it is {@code expected}, atomically.
     *
     * @param expected the value expected
     * @param update the new value
     * @return whether the value was set
     * @throws IllegalArgumentException when {@code update} is out of the typecode's range
     */
    public boolean compareAndSet(int expected, int update) {
        return Words.casInt(body, at(0), expected, (int) typecode.check(update));
    }

    @Override
    public Object getValue() {
        return typecode.box(get());
    }

    @Override
    public void setValue(Object value) {
        set((int) typecode.fromObject(value));
    }

    @Override
    public IntValue getObj() {
        return (IntValue) rawObj();
    }

    @Override
    public String toString() {
        return "<IntValue '" + typecode() + "' " + name() + " value="
                + (attachment.isClosed() ? "closed" : String.valueOf(get())) + ">";
    }
}

package io.github.multiprocessing4j.shm;

import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.ValueLayout;
import io.github.multiprocessing4j.internal.shm.Words;
import io.github.multiprocessing4j.sync.Lockable;

/**
 * A shared boolean (Python: {@code multiprocessing.Value('?', ...)}), made by {@link Value#of} or
 * {@link Value#ofBoolean}.
 *
 * <p>Thread-safe. {@link #get()} and {@link #set} are single atomic reads and writes of shared memory (no lock);
 * the update methods are lock-free atomic operations. A compound update written as get-then-set is not atomic
 * (as Python's {@code v.value += 1} is not): do it under {@link #getLock()}. Nothing blocks but that lock.
 *
 * <p>What crosses the process boundary, lifetime and a dying process: as for every {@link Value}.
 */
public final class BooleanValue extends Value {
    private static final long serialVersionUID = 1L;

    BooleanValue(Typecode typecode, boolean initial, int lockMode, Lockable given) {
        super(typecode, lockMode, given);
        set(initial);
    }

    BooleanValue(Attachment attachment, int lockMode, Lockable given) {
        super(attachment, ValueLayout.BOOLEAN, lockMode, given);
    }

    /**
     * Reads the value (Python: {@code v.value}).
     *
     * @return the value
     * @throws IllegalStateException after close
     */
    public boolean get() {
        return intAt(0) != 0;
    }

    /**
     * Writes the value (Python: {@code v.value = x}).
     *
     * @param value the new value
     * @throws IllegalStateException after close
     */
    public void set(boolean value) {
        Words.setIntVolatile(body, at(0), value ? 1 : 0);
    }

    /**
     * Sets the value to {@code update} if it is {@code expected}, atomically.
     *
     * @param expected the value expected
     * @param update the new value
     * @return whether the value was set
     */
    public boolean compareAndSet(boolean expected, boolean update) {
        return Words.casInt(body, at(0), expected ? 1 : 0, update ? 1 : 0);
    }

    @Override
    public Object getValue() {
        return get();
    }

    @Override
    public void setValue(Object value) {
        set(typecode.toBoolean(value));
    }

    @Override
    public BooleanValue getObj() {
        return (BooleanValue) rawObj();
    }

    @Override
    public String toString() {
        return "<BooleanValue " + name() + " value=" + (attachment.isClosed() ? "closed" : String.valueOf(get())) + ">";
    }
}

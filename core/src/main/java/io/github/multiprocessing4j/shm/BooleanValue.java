package io.github.multiprocessing4j.shm;

import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.ValueLayout;
import io.github.multiprocessing4j.internal.shm.Words;
import io.github.multiprocessing4j.sync.Lock;

/**
 * A shared boolean (Python: {@code multiprocessing.Value('?', ...)}), made by {@link Value#ofBoolean}.
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
public final class BooleanValue extends SharedSlots {
    private static final long serialVersionUID = 1L;

    BooleanValue(boolean initial) {
        super(ValueLayout.BOOLEAN, 1, false, "value");
        set(initial);
    }

    BooleanValue(Attachment attachment) {
        super(attachment, ValueLayout.BOOLEAN, false);
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
    public String toString() {
        return "<BooleanValue " + name() + " value=" + (attachment.isClosed() ? "closed" : String.valueOf(get())) + ">";
    }
}

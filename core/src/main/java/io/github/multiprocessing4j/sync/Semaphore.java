package io.github.multiprocessing4j.sync;

import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.HandleProxy;
import io.github.multiprocessing4j.internal.shm.Segment;
import io.github.multiprocessing4j.internal.shm.SemaphoreLayout;
import io.github.multiprocessing4j.internal.shm.SemaphoreWord;
import io.github.multiprocessing4j.internal.shm.Waiter;
import java.io.Serializable;
import java.time.Duration;

/**
 * A counting semaphore shared by processes (Python: {@code multiprocessing.Semaphore}), and its bounded form
 * ({@link BoundedSemaphore}).
 *
 * <p>What crosses the process boundary: only the file name; a child gets the same semaphore. {@link #acquire()}
 * blocks (spin, then park with a backoff up to 1 ms); {@link #acquire(Duration)} at most the timeout. Permits are
 * not owned, so a process that dies holding some does not give them back (as in Python); wait with a timeout when
 * that can happen. As in Python, a waiter is never told that the other processes are gone: a
 * thread of its own process may still release. Thread-safe. The file is removed when the last process holding it
 * closes it or exits, or when the creating process exits.
 */
public class Semaphore implements Serializable, AutoCloseable {
    static {
        JvmRuntime.get(); // its exit sequence releases the shared memory this JVM holds
    }

    private static final long serialVersionUID = 1L;

    final transient Attachment attachment;
    private final transient SemaphoreWord word;

    /**
     * Creates a semaphore with {@code value} permits (Python: {@code Semaphore(value)}).
     *
     * @param value the initial number of permits, at least 0
     * @throws IllegalArgumentException for a negative value
     */
    public Semaphore(int value) {
        this(value, -1);
    }

    Semaphore(int value, int bound) {
        this(create(value, bound));
    }

    Semaphore(Attachment attachment) {
        this.attachment = attachment;
        this.word = new SemaphoreWord(attachment.segment().body());
    }

    private static Attachment create(int value, int bound) {
        if (value < 0) {
            throw new IllegalArgumentException("semaphore initial value must be >= 0: value=" + value);
        }
        return Attachment.created(Segment.create("sem-", Segment.KIND_SEMAPHORE, SemaphoreLayout.VERSION,
                SemaphoreLayout.LENGTH, b -> SemaphoreWord.init(b, value, bound)), "semaphore");
    }

    /**
     * Takes a permit, waiting as long as it takes.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void acquire() throws InterruptedException {
        acquire(Waiter.forever());
    }

    /**
     * Takes a permit, waiting at most {@code timeout}.
     *
     * @param timeout how long to wait; zero or negative means try once
     * @return whether a permit was taken
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean acquire(Duration timeout) throws InterruptedException {
        return acquire(Waiter.upTo(timeout));
    }

    private boolean acquire(Waiter waiter) throws InterruptedException {
        attachment.open();
        // no "peer gone": a thread of this process, which holds the semaphore, may still release it
        return word.acquire(waiter, Waiter.NO_CHECK) == Waiter.Outcome.DONE;
    }

    /**
     * Gives a permit back.
     *
     * @throws IllegalStateException for a bounded semaphore released more often than acquired
     */
    public void release() {
        attachment.open();
        word.release(name());
    }

    /**
     * The number of free permits now (Python: {@code get_value()}).
     *
     * @return the permits
     */
    public int getValue() {
        attachment.open();
        return word.value();
    }

    /**
     * The shared-memory file name.
     *
     * @return the name
     */
    public String name() {
        return attachment.segment().fileName();
    }

    /** Detaches; in the creating process, also removes the file. */
    @Override
    public void close() {
        attachment.close();
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " " + name() + " value=" + word.value() + ">";
    }

    /**
     * Serializes this handle as its name, so that the receiving process attaches to the same object.
     *
     * @return the serial form
     */
    Object writeReplace() {
        return HandleProxy.of(this instanceof BoundedSemaphore ? Handles.BOUNDED_SEMAPHORE : Handles.SEMAPHORE,
                attachment, 0);
    }
}

package io.github.multiprocessing4j.sync;

import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.EventLayout;
import io.github.multiprocessing4j.internal.shm.EventWord;
import io.github.multiprocessing4j.internal.shm.HandleProxy;
import io.github.multiprocessing4j.internal.shm.Segment;
import io.github.multiprocessing4j.internal.shm.Waiter;
import java.io.Serializable;
import java.time.Duration;

/**
 * A flag shared by processes that threads can wait for (Python: {@code multiprocessing.Event}).
 *
 * <p>What crosses the process boundary: only the file name; a child gets the same event. {@link #await(Duration)}
 * waits for the flag (spin, then park with a backoff up to 1 ms, so it costs almost no CPU); setting wakes all
 * waiters within about a millisecond. As in Python, a waiter is never told that the processes that could set the
 * flag are gone: a thread of its own process may still set it, so {@link #await()} waits until the flag is set and
 * {@link #await(Duration)} returns false after its timeout, never early (wait with a timeout, or on the setter's
 * {@link io.github.multiprocessing4j.Process} as well, when the setter may die). Thread-safe. The file is removed when
 * the last process holding it closes it or exits, or when the creating process exits.
 */
public final class Event implements Serializable, AutoCloseable {
    static {
        JvmRuntime.get(); // its exit sequence releases the shared memory this JVM holds
    }

    private static final long serialVersionUID = 1L;

    private final transient Attachment attachment;
    private final transient EventWord word;

    /** Creates an event, not set. */
    public Event() {
        this(Attachment.created(Segment.create("event-", Segment.KIND_EVENT, EventLayout.VERSION,
                EventLayout.LENGTH, EventWord::init), "event"));
    }

    Event(Attachment attachment) {
        this.attachment = attachment;
        this.word = new EventWord(attachment.segment().body());
    }

    /** Sets the flag; waiters return. */
    public void set() {
        attachment.open();
        word.set();
    }

    /** Clears the flag. */
    public void clear() {
        attachment.open();
        word.clear();
    }

    /**
     * Whether the flag is set (Python: {@code is_set()}).
     *
     * @return the flag
     */
    public boolean isSet() {
        attachment.open();
        return word.isSet();
    }

    /**
     * Waits until the flag is set (Python: {@code wait()}).
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void await() throws InterruptedException {
        await(Waiter.forever());
    }

    /**
     * Waits at most {@code timeout} for the flag (Python: {@code wait(timeout)}).
     *
     * @param timeout how long to wait
     * @return the flag: false if the timeout passed first
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean await(Duration timeout) throws InterruptedException {
        return await(Waiter.upTo(timeout));
    }

    private boolean await(Waiter waiter) throws InterruptedException {
        attachment.open();
        // no "peer gone": a thread of this process, which holds the event, may still set it
        return word.await(waiter, Waiter.NO_CHECK) == Waiter.Outcome.DONE;
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
        return "<Event " + name() + (word.isSet() ? " set" : " unset") + ">";
    }

    /**
     * Serializes this handle as its name, so that the receiving process attaches to the same object.
     *
     * @return the serial form
     */
    private Object writeReplace() {
        return HandleProxy.of(Handles.EVENT, attachment, 0);
    }
}

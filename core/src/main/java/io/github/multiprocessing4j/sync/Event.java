package io.github.multiprocessing4j.sync;

import io.github.multiprocessing4j.exception.PeerGoneException;
import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.Segment;
import io.github.multiprocessing4j.internal.shm.Waiter;
import io.github.multiprocessing4j.internal.shm.Words;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * A flag shared by processes that threads can wait for (Python: {@code multiprocessing.Event}).
 *
 * <pre>
 *   body: 0 flag (int, 0 or 1) | 4 version (int) | 8 reserved
 * </pre>
 *
 * <p>Only the file name crosses the process boundary: a child gets the same event. {@link #await(Duration)}
 * waits for the flag (spin, then park with a backoff up to 1 ms, so it costs almost no CPU); setting wakes all
 * waiters within about a millisecond. When every other process that held the event has died or closed it (and no
 * handle is on its way to a starting process), a waiter gets {@link PeerGoneException} within about 10 ms: nobody
 * is left to set it. Not when the event was only ever used in this process. Thread-safe. The file is removed when
 * the last process holding it closes it or exits, or when the creating process exits.
 */
public final class Event implements Serializable, AutoCloseable {
    private static final long serialVersionUID = 1L;
    private static final int VERSION = 1;
    private static final int FLAG = 0;

    private final transient Attachment attachment;
    private final transient ByteBuffer body;

    /** Creates an event, not set. */
    public Event() {
        this(Attachment.of(Segment.create("event-", Segment.KIND_EVENT, VERSION, 16, b -> b.putInt(4, VERSION)),
                "event", true));
    }

    private Event(Attachment attachment) {
        this.attachment = attachment;
        this.body = attachment.segment().body();
    }

    /** Sets the flag; waiters return. */
    public void set() {
        attachment.open();
        Words.setIntVolatile(body, FLAG, 1);
    }

    /** Clears the flag. */
    public void clear() {
        attachment.open();
        Words.setIntVolatile(body, FLAG, 0);
    }

    /**
     * Whether the flag is set (Python: {@code is_set()}).
     *
     * @return the flag
     */
    public boolean isSet() {
        attachment.open();
        return Words.getIntVolatile(body, FLAG) != 0;
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
        while (Words.getIntVolatile(body, FLAG) == 0) {
            if (waiter.timeToCheck() && attachment.othersGone()) {
                throw new PeerGoneException("every other process using the event is gone: name=" + name());
            }
            if (!waiter.pause()) {
                return false;
            }
        }
        return true;
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
        return "<Event " + name() + (body.getInt(FLAG) != 0 ? " set" : " unset") + ">";
    }

    /**
     * Serializes this handle as its name, so that the receiving process attaches to the same object.
     *
     * @return the serial form
     */
    private Object writeReplace() {
        attachment.reserve();
        return new Ref(attachment.open().fileName());
    }

    /** The serial form: the file name. */
    private static final class Ref implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String file;

        Ref(String file) {
            this.file = file;
        }

        private Object readResolve() {
            return new Event(Attachment.attach(file, Segment.KIND_EVENT, VERSION, "event"));
        }
    }
}

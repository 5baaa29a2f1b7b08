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
 * A counting semaphore shared by processes (Python: {@code multiprocessing.Semaphore}), and its bounded form
 * ({@link BoundedSemaphore}).
 *
 * <pre>
 *   body: 0 permits (int) | 4 bound (int, -1 = none) | 8 version (int) | 12 reserved
 * </pre>
 *
 * <p>Only the file name crosses the process boundary: a child gets the same semaphore. {@link #acquire()} blocks
 * (spin, then park with a backoff up to 1 ms); {@link #acquire(Duration)} at most the timeout. Permits are not
 * owned, so a process that dies holding some does not give them back (as in Python); wait with a timeout when
 * that can happen. When every other process that held the semaphore is gone, a waiter gets
 * {@link PeerGoneException} within about 10 ms. Thread-safe. The file is removed when the last process holding it closes it or
 * exits, or when the creating process exits.
 */
public class Semaphore implements Serializable, AutoCloseable {
    private static final long serialVersionUID = 1L;
    static final int VERSION = 1;
    private static final int PERMITS = 0;
    private static final int BOUND = 4;
    private static final int LENGTH = 16;

    final transient Attachment attachment;
    private final transient ByteBuffer body;

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
        if (value < 0) {
            throw new IllegalArgumentException("semaphore initial value must be >= 0: value=" + value);
        }
        this.attachment = Attachment.of(Segment.create("sem-", Segment.KIND_SEMAPHORE, VERSION, LENGTH, b -> {
            b.putInt(PERMITS, value);
            b.putInt(BOUND, bound);
            b.putInt(8, VERSION);
        }), "semaphore", true);
        this.body = attachment.segment().body();
    }

    Semaphore(Attachment attachment) {
        this.attachment = attachment;
        this.body = attachment.segment().body();
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
        while (true) {
            int permits = Words.getIntVolatile(body, PERMITS);
            if (permits > 0) {
                if (Words.casInt(body, PERMITS, permits, permits - 1)) {
                    return true;
                }
                continue;
            }
            if (waiter.timeToCheck() && attachment.othersGone()) {
                throw new PeerGoneException("every other process using the semaphore is gone: name=" + name());
            }
            if (!waiter.pause()) {
                return false;
            }
        }
    }

    /**
     * Gives a permit back.
     *
     * @throws IllegalStateException for a bounded semaphore released more often than acquired
     */
    public void release() {
        attachment.open();
        int bound = body.getInt(BOUND);
        while (true) {
            int permits = Words.getIntVolatile(body, PERMITS);
            if (bound >= 0 && permits >= bound) {
                throw new IllegalStateException("semaphore released too many times: name=" + name() + ", value="
                        + permits + ", bound=" + bound);
            }
            if (Words.casInt(body, PERMITS, permits, permits + 1)) {
                return;
            }
        }
    }

    /**
     * The number of free permits now (Python: {@code get_value()}).
     *
     * @return the permits
     */
    public int getValue() {
        attachment.open();
        return Words.getIntVolatile(body, PERMITS);
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
        return "<" + getClass().getSimpleName() + " " + name() + " value=" + body.getInt(PERMITS) + ">";
    }

    /**
     * Serializes this handle as its name, so that the receiving process attaches to the same object.
     *
     * @return the serial form
     */
    Object writeReplace() {
        attachment.reserve();
        return new Ref(attachment.open().fileName(), this instanceof BoundedSemaphore);
    }

    /** The serial form: the file name and whether the semaphore is bounded. */
    private static final class Ref implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String file;
        private final boolean bounded;

        Ref(String file, boolean bounded) {
            this.file = file;
            this.bounded = bounded;
        }

        private Object readResolve() {
            Attachment a = Attachment.attach(file, Segment.KIND_SEMAPHORE, VERSION, "semaphore");
            return bounded ? new BoundedSemaphore(a) : new Semaphore(a);
        }
    }
}

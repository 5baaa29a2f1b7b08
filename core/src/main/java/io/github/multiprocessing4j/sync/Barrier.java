package io.github.multiprocessing4j.sync;

import io.github.multiprocessing4j.function.Target0;
import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.LockWord;
import io.github.multiprocessing4j.internal.shm.Segment;
import io.github.multiprocessing4j.internal.shm.Waiter;
import io.github.multiprocessing4j.internal.shm.Words;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;

/**
 * A barrier for a fixed number of parties, across processes (Python: {@code multiprocessing.Barrier}).
 *
 * <pre>
 *   0   lock (LockLayout, 64 bytes): guards the words below
 *  64   parties (int) | waiting (int) | generation (int) | broken (int) | broken generation (int) | version (int)
 * </pre>
 *
 * <p>Only the file name and the action cross the process boundary (the action must be serializable; it runs in
 * the process of the last party to arrive, before the others are released). {@link #await()} blocks (spin, then
 * park with a backoff up to 1 ms) until all parties arrive, the timeout passes (which breaks the barrier, as in
 * Python), or the barrier is {@linkplain #abort() aborted} or {@linkplain #reset() reset}. A party that dies
 * before arriving is not detected: the others time out. Thread-safe. The file is removed when the last process holding it closes it or
 * exits, or when the creating process exits.
 */
public final class Barrier implements Serializable, AutoCloseable {
    private static final long serialVersionUID = 1L;
    private static final int VERSION = 1;
    private static final int PARTIES = 64;
    private static final int WAITING = 68;
    private static final int GENERATION = 72;
    private static final int BROKEN = 76;
    private static final int BROKEN_GENERATION = 80;
    private static final int LENGTH = 96;

    private final transient Attachment attachment;
    private final transient ByteBuffer body;
    private final transient LockWord lock;
    /** Run by the last party to arrive, or null. */
    private final Target0 action;
    /** The default timeout of {@link #await()}, or null. */
    private final Duration timeout;

    /**
     * A barrier for {@code parties} parties.
     *
     * @param parties how many must arrive, at least 1
     */
    public Barrier(int parties) {
        this(parties, null, null);
    }

    /**
     * A barrier with an action and a default timeout (Python: {@code Barrier(parties, action, timeout)}).
     *
     * @param parties how many must arrive, at least 1
     * @param action run by the last party to arrive, or null
     * @param timeout the default for {@link #await()}, or null for none
     */
    public Barrier(int parties, Target0 action, Duration timeout) {
        if (parties < 1) {
            throw new IllegalArgumentException("a barrier needs at least one party: parties=" + parties);
        }
        this.attachment = Attachment.of(Segment.create("barrier-", Segment.KIND_BARRIER, VERSION, LENGTH, b -> {
            LockWord.init(b, 0);
            b.putInt(PARTIES, parties);
            b.putInt(BROKEN_GENERATION, -1);
            b.putInt(84, VERSION);
        }), "barrier", true);
        this.body = attachment.segment().body();
        this.lock = new LockWord(body, 0);
        this.action = action;
        this.timeout = timeout;
    }

    private Barrier(Attachment attachment, Target0 action, Duration timeout) {
        this.attachment = attachment;
        this.body = attachment.segment().body();
        this.lock = new LockWord(body, 0);
        this.action = action;
        this.timeout = timeout;
    }

    /**
     * Waits for all parties, with the default timeout (Python: {@code wait()}).
     *
     * @return the arrival index, 0 to parties-1 (Python's value)
     * @throws BrokenBarrierException when the barrier is broken, aborted, reset, or the wait timed out
     * @throws InterruptedException if interrupted while waiting
     */
    public int await() throws BrokenBarrierException, InterruptedException {
        return await(timeout);
    }

    /**
     * Waits for all parties at most {@code waitTimeout}; when it passes, the barrier breaks.
     *
     * @param waitTimeout how long to wait, or null for ever
     * @return the arrival index, 0 to parties-1
     * @throws BrokenBarrierException when the barrier is broken, aborted, reset, or the wait timed out
     * @throws InterruptedException if interrupted while waiting
     */
    public int await(Duration waitTimeout) throws BrokenBarrierException, InterruptedException {
        attachment.open();
        Waiter waiter = Waiter.upTo(waitTimeout);
        lock.acquire(Waiter.forever(), false);
        int generation;
        int index;
        try {
            if (body.getInt(BROKEN) != 0) {
                throw broken("broken");
            }
            generation = body.getInt(GENERATION);
            index = body.getInt(WAITING);
            if (index + 1 == parties()) {
                runAction();
                body.putInt(WAITING, 0);
                Words.setIntVolatile(body, GENERATION, generation + 1);
                return index;
            }
            body.putInt(WAITING, index + 1);
        } finally {
            lock.release(false, "barrier");
        }
        while (true) {
            if (Words.getIntVolatile(body, GENERATION) != generation) {
                if (Words.getIntVolatile(body, BROKEN_GENERATION) == generation) {
                    throw broken("reset while waiting");
                }
                return index;
            }
            if (Words.getIntVolatile(body, BROKEN) != 0) {
                throw broken("broken");
            }
            if (waiter.timeToCheck() && attachment.othersGone()) {
                abort();
                throw broken("every other process using the barrier is gone");
            }
            if (!waiter.pause()) {
                abort();
                throw broken("timed out after " + waitTimeout);
            }
        }
    }

    private void runAction() throws BrokenBarrierException {
        if (action == null) {
            return;
        }
        try {
            action.run();
        } catch (Exception | Error e) {
            Words.setIntVolatile(body, BROKEN, 1);
            BrokenBarrierException broken = broken("its action failed");
            broken.initCause(e);
            throw broken;
        }
    }

    private BrokenBarrierException broken(String why) {
        return new BrokenBarrierException("barrier is broken: reason=" + why + ", name=" + name() + ", parties="
                + parties());
    }

    /** Breaks the barrier: waiters and later arrivals get {@link BrokenBarrierException} until {@link #reset()}. */
    public void abort() {
        attachment.open();
        Words.setIntVolatile(body, BROKEN, 1);
    }

    /**
     * Returns the barrier to its initial state; parties waiting now get {@link BrokenBarrierException}.
     *
     * @throws InterruptedException if interrupted while taking the barrier's lock
     */
    public void reset() throws InterruptedException {
        attachment.open();
        lock.acquire(Waiter.forever(), false);
        try {
            int generation = body.getInt(GENERATION);
            if (body.getInt(WAITING) > 0) {
                Words.setIntVolatile(body, BROKEN_GENERATION, generation);
            }
            body.putInt(WAITING, 0);
            Words.setIntVolatile(body, BROKEN, 0);
            Words.setIntVolatile(body, GENERATION, generation + 1);
        } finally {
            lock.release(false, "barrier");
        }
    }

    /**
     * The number of parties.
     *
     * @return the parties
     */
    public int parties() {
        return body.getInt(PARTIES);
    }

    /**
     * How many parties are waiting now (Python: {@code n_waiting}).
     *
     * @return the number waiting
     */
    public int nWaiting() {
        return Words.getIntVolatile(body, WAITING);
    }

    /**
     * Whether the barrier is broken.
     *
     * @return whether broken
     */
    public boolean isBroken() {
        return Words.getIntVolatile(body, BROKEN) != 0;
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
        return "<Barrier " + name() + " parties=" + parties() + " waiting=" + nWaiting() + ">";
    }

    /**
     * Serializes this handle as its name, so that the receiving process attaches to the same object.
     *
     * @return the serial form
     */
    private Object writeReplace() {
        attachment.reserve();
        return new Ref(attachment.open().fileName(), action, timeout);
    }

    /** The serial form: the file name, the action and the default timeout. */
    private static final class Ref implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String file;
        private final Target0 action;
        private final Duration timeout;

        Ref(String file, Target0 action, Duration timeout) {
            this.file = file;
            this.action = action;
            this.timeout = timeout;
        }

        private Object readResolve() {
            return new Barrier(Attachment.attach(file, Segment.KIND_BARRIER, VERSION, "barrier"), action, timeout);
        }
    }
}

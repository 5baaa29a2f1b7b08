package io.github.multiprocessing4j.sync;

import io.github.multiprocessing4j.function.Target0;
import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.BarrierLayout;
import io.github.multiprocessing4j.internal.shm.BarrierWord;
import io.github.multiprocessing4j.internal.shm.HandleProxy;
import io.github.multiprocessing4j.internal.shm.Segment;
import io.github.multiprocessing4j.internal.shm.Waiter;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;

/**
 * A barrier for a fixed number of parties, across processes (Python: {@code multiprocessing.Barrier}).
 *
 * <p>What crosses the process boundary: the file name, the action and the default timeout (the action must be
 * serializable; it runs in the process of the last party to arrive, before the others are released).
 * {@link #await()} blocks (spin, then park with a backoff up to 1 ms) until all parties arrive, the timeout passes
 * (which breaks the barrier, as in Python), or the barrier is {@linkplain #abort() aborted} or
 * {@linkplain #reset() reset}. A party that dies before arriving is not detected: the others wait until their
 * timeout (as in Python, where a thread of their own process may still arrive). Thread-safe. The file is removed when the last
 * process holding it closes it or exits, or when the creating process exits.
 */
public final class Barrier implements Serializable, AutoCloseable {
    static {
        JvmRuntime.get(); // its exit sequence releases the shared memory this JVM holds
    }

    private static final long serialVersionUID = 1L;

    private final transient Attachment attachment;
    private final transient BarrierWord word;
    /** Run by the last party to arrive, or null. */
    private final transient Target0 action;
    /** The default timeout of {@link #await()}, or null. */
    private final transient Duration timeout;

    /**
     * A barrier for {@code parties} parties.
     *
     * @param parties how many must arrive, at least 1
     * @throws IllegalArgumentException for fewer than 1 party
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
     * @throws IllegalArgumentException for fewer than 1 party
     */
    public Barrier(int parties, Target0 action, Duration timeout) {
        this(create(parties), action, timeout);
    }

    Barrier(Attachment attachment, Target0 action, Duration timeout) {
        this.attachment = attachment;
        this.word = new BarrierWord(attachment.segment(), attachment.segment().fileName());
        this.action = action;
        this.timeout = timeout;
    }

    private static Attachment create(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("a barrier needs at least one party: parties=" + parties);
        }
        return Attachment.created(Segment.create("barrier-", Segment.KIND_BARRIER, BarrierLayout.VERSION,
                BarrierLayout.LENGTH, b -> BarrierWord.init(b, parties)), "barrier");
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
        return word.await(Waiter.upTo(waitTimeout), action, Waiter.NO_CHECK, waitTimeout);
    }

    /** Breaks the barrier: waiters and later arrivals get {@link BrokenBarrierException} until {@link #reset()}. */
    public void abort() {
        attachment.open();
        word.abort();
    }

    /**
     * Returns the barrier to its initial state; parties waiting now get {@link BrokenBarrierException}.
     *
     * @throws InterruptedException if interrupted while taking the barrier's lock
     */
    public void reset() throws InterruptedException {
        attachment.open();
        word.reset();
    }

    /**
     * The number of parties.
     *
     * @return the parties
     */
    public int parties() {
        return word.parties();
    }

    /**
     * How many parties are waiting now (Python: {@code n_waiting}).
     *
     * @return the number waiting
     */
    public int nWaiting() {
        return word.waiting();
    }

    /**
     * Whether the barrier is broken.
     *
     * @return whether broken
     */
    public boolean isBroken() {
        return word.isBroken();
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
     * Serializes this handle as its name, action and default timeout, so that the receiving process attaches to
     * the same barrier.
     *
     * @return the serial form
     */
    private Object writeReplace() {
        return HandleProxy.of(Handles.BARRIER, attachment, 0, action, timeout);
    }
}

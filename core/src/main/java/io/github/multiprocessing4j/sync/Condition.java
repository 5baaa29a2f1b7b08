package io.github.multiprocessing4j.sync;

import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.ConditionLayout;
import io.github.multiprocessing4j.internal.shm.ConditionWord;
import io.github.multiprocessing4j.internal.shm.HandleProxy;
import io.github.multiprocessing4j.internal.shm.Segment;
import io.github.multiprocessing4j.internal.shm.Waiter;
import java.io.Serializable;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A condition variable shared by processes (Python: {@code multiprocessing.Condition}), bound to a {@link Lock}
 * or an {@link RLock} (a new RLock by default).
 *
 * <pre>{@code
 * try (Lock.Held held = cond.hold()) {
 *     cond.waitFor(() -> items.get() > 0, Duration.ofSeconds(5));   // Python: cond.wait_for(...)
 * }
 * }</pre>
 *
 * <p>Only names cross the process boundary: a child gets the same condition and the same lock. {@link #await}
 * releases the lock, waits to be signalled (spin, then park with a backoff up to 1 ms), then takes the lock back;
 * like Java's {@code Condition}, it may return spuriously, so wait in a loop or use {@link #waitFor}. A waiter
 * that times out never swallows a signal meant for another. A process that dies while waiting may absorb one
 * {@link #signal()}; {@link #signalAll()} is not affected. As in Python, a waiter is never told that the other
 * processes are gone: a thread of its own process may still signal, so {@link #await()} waits until signalled and
 * {@link #await(Duration)} returns false after its timeout, never early. If the lock's holder dies, the next
 * acquirer recovers it as {@link Lock} describes. Thread-safe. The files are removed when the last process holding
 * them closes them or exits, or when the creating process exits.
 */
public final class Condition implements Serializable, AutoCloseable {
    static {
        JvmRuntime.get(); // its exit sequence releases the shared memory this JVM holds
    }

    private static final long serialVersionUID = 1L;

    private final transient Attachment attachment;
    /** The Lock or RLock the condition is bound to. */
    private final transient Serializable lock;
    private final transient ConditionWord word;
    private final transient boolean reentrant;
    private final transient boolean ownsLock;

    /** A condition with a new {@link RLock} (Python: {@code Condition()}). */
    public Condition() {
        this(new RLock(), true);
    }

    /**
     * A condition bound to {@code lock}.
     *
     * @param lock the lock that guards the state the condition is about
     * @throws NullPointerException for a null lock
     */
    public Condition(Lock lock) {
        this(java.util.Objects.requireNonNull(lock, "lock"), false);
    }

    /**
     * A condition bound to {@code lock}.
     *
     * @param lock the lock that guards the state the condition is about
     * @throws NullPointerException for a null lock
     */
    public Condition(RLock lock) {
        this(java.util.Objects.requireNonNull(lock, "lock"), false);
    }

    private Condition(Serializable lock, boolean ownsLock) {
        this(Attachment.created(Segment.create("cond-", Segment.KIND_CONDITION, ConditionLayout.VERSION,
                ConditionLayout.LENGTH, ConditionWord::init), "condition"), lock, ownsLock);
    }

    Condition(Attachment attachment, Serializable lock, boolean ownsLock) {
        this.attachment = attachment;
        this.lock = lock;
        this.ownsLock = ownsLock;
        this.reentrant = lock instanceof RLock;
        this.word = new ConditionWord(attachment.segment().body(),
                reentrant ? ((RLock) lock).word() : ((Lock) lock).word(), reentrant);
    }

    /**
     * Acquires the underlying lock.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void acquire() throws InterruptedException {
        if (reentrant) {
            ((RLock) lock).acquire();
        } else {
            ((Lock) lock).acquire();
        }
    }

    /** Releases the underlying lock. */
    public void release() {
        if (reentrant) {
            ((RLock) lock).release();
        } else {
            ((Lock) lock).release();
        }
    }

    /**
     * Acquires the underlying lock for try-with-resources.
     *
     * @return the held lock
     * @throws InterruptedException if interrupted while waiting
     */
    public Lock.Held hold() throws InterruptedException {
        acquire();
        return this::release;
    }

    /**
     * Releases the lock, waits to be signalled, takes the lock back (Python: {@code wait()}).
     *
     * @throws InterruptedException if interrupted while waiting (the lock is held again when it is thrown)
     * @throws IllegalStateException when this thread does not hold the lock
     */
    public void await() throws InterruptedException {
        await(Waiter.forever());
    }

    /**
     * As {@link #await()}, waiting at most {@code timeout} for a signal.
     *
     * @param timeout how long to wait
     * @return false if the timeout passed without a signal
     * @throws InterruptedException if interrupted while waiting (the lock is held again when it is thrown)
     */
    public boolean await(Duration timeout) throws InterruptedException {
        return await(Waiter.upTo(timeout));
    }

    private boolean await(Waiter waiter) throws InterruptedException {
        attachment.open();
        String what = toString();
        if (!word.isLockHeld()) {
            throw new IllegalStateException("cannot wait on a condition whose lock this thread does not hold: "
                    + "condition=" + what);
        }
        // no "peer gone": a thread of this process, which holds the condition, may still notify
        return word.await(waiter, Waiter.NO_CHECK, what) == Waiter.Outcome.DONE;
    }

    /**
     * Waits until {@code predicate} is true, at most {@code timeout} (Python: {@code wait_for}). The predicate is
     * evaluated with the lock held.
     *
     * @param predicate the condition to wait for
     * @param timeout how long to wait at most, or null for ever
     * @return the predicate's last value
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean waitFor(BooleanSupplier predicate, Duration timeout) throws InterruptedException {
        Waiter deadline = Waiter.upTo(timeout);
        boolean result = predicate.getAsBoolean();
        while (!result && !deadline.expired()) {
            await(deadline.remaining());
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /**
     * Wakes one waiter (Python: {@code notify()}); the caller must hold the lock.
     *
     * @throws IllegalStateException when this thread does not hold the lock
     */
    public void signal() {
        signal(1);
    }

    /**
     * Wakes up to {@code n} waiters (Python: {@code notify(n)}); the caller must hold the lock.
     *
     * @param n how many
     * @throws IllegalStateException when this thread does not hold the lock
     */
    public void signal(int n) {
        attachment.open();
        if (!word.isLockHeld()) {
            throw new IllegalStateException("cannot signal a condition whose lock this thread does not hold: "
                    + "condition=" + this);
        }
        word.signal(n);
    }

    /**
     * Wakes all waiters (Python: {@code notify_all()}); the caller must hold the lock.
     *
     * @throws IllegalStateException when this thread does not hold the lock
     */
    public void signalAll() {
        signal(Integer.MAX_VALUE);
    }

    /** Detaches; in the creating process, also removes the file (and the RLock it made). */
    @Override
    public void close() {
        attachment.close();
        if (ownsLock) {
            ((RLock) lock).close();
        }
    }

    @Override
    public String toString() {
        return "<Condition " + attachment.segment().fileName() + " lock=" + lock + ">";
    }

    /**
     * Serializes this handle as its name and its lock (which re-attaches by its own name), so that the receiving
     * process attaches to the same condition and lock.
     *
     * @return the serial form
     */
    private Object writeReplace() {
        return HandleProxy.of(Handles.CONDITION, attachment, 0, lock);
    }
}

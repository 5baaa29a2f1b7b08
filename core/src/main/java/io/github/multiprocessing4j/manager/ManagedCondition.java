package io.github.multiprocessing4j.manager;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A managed condition variable (Python: {@code manager.Condition()}, a proxy of {@code threading.Condition} over
 * its own {@code RLock}). The lock and the waiters live in the manager; each thread of each process has its own
 * connection there, so the lock is owned by the calling thread and is reentrant, as Python's default lock is.
 * Python's names, where Java allows them: {@code wait} is {@link #await}, {@code notify(n)} is {@link #signal(int)}
 * and {@code notify_all} is {@link #signalAll} ({@code Object.wait/notify/notifyAll} are final).
 *
 * <h2>Blocking</h2>
 * {@link #acquire} and {@link #await} block in the manager; {@link #waitFor} runs its predicate here, in the
 * caller, between waits (as Python's proxy does). Calling {@code await} or {@code signal} without holding the
 * lock throws {@link IllegalStateException} (Python: {@code RuntimeError}).
 *
 * <h2>When a process dies</h2>
 * When the manager sees a caller's connection end (its process died or closed the proxy) the lock that caller's
 * thread held is released, so that other processes are not locked out. A waiter whose process died stays a
 * waiter until it is woken: a {@code signal(n)} may spend a wake-up on it (as in Python), after which the manager
 * releases the lock it re-took. Wait with a timeout, or {@link #signalAll}, where that matters. When the manager
 * dies, every call fails with {@link java.io.UncheckedIOException} or
 * {@link io.github.multiprocessing4j.exception.PeerGoneException}.
 */
public interface ManagedCondition {
    /** Takes the lock, waiting as long as it takes (Python: {@code acquire()}); reentrant. */
    void acquire();

    /**
     * Takes the lock, waiting at most {@code timeout} (Python: {@code acquire(timeout=...)}).
     *
     * @param timeout how long to wait, or null for ever
     * @return whether the lock was taken
     * @throws InterruptedException if interrupted in the manager
     */
    boolean acquire(Duration timeout) throws InterruptedException;

    /**
     * Releases the lock once (Python: {@code release()}).
     *
     * @throws IllegalStateException when this thread does not hold it
     */
    void release();

    /**
     * Releases the lock, waits for a signal or the timeout, and takes the lock again (Python: {@code wait(timeout)}).
     *
     * @param timeout how long to wait, or null for ever
     * @return false when the timeout passed
     * @throws IllegalStateException when this thread does not hold the lock
     * @throws InterruptedException if interrupted in the manager
     */
    boolean await(Duration timeout) throws InterruptedException;

    /**
     * Wakes at most {@code n} waiters (Python: {@code notify(n)}).
     *
     * @param n how many; at least 0
     * @throws IllegalStateException when this thread does not hold the lock
     */
    void signal(int n);

    /**
     * Wakes every waiter (Python: {@code notify_all()}).
     *
     * @throws IllegalStateException when this thread does not hold the lock
     */
    void signalAll();

    /**
     * Waits until {@code predicate} holds, at most {@code timeout} (Python: {@code wait_for(predicate, timeout)}).
     * Hold the lock when calling. The predicate runs in this process, with the lock held, before the first wait
     * and after each wake-up.
     *
     * @param predicate what to wait for; it reads shared state (say, a managed value)
     * @param timeout how long to wait, or null for ever
     * @return the predicate's last value
     * @throws InterruptedException if interrupted
     */
    default boolean waitFor(BooleanSupplier predicate, Duration timeout) throws InterruptedException {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        boolean result = predicate.getAsBoolean();
        while (!result) {
            Duration left = null;
            if (timeout != null) {
                long nanos = deadline - System.nanoTime();
                if (nanos <= 0) {
                    break;
                }
                left = Duration.ofNanos(nanos);
            }
            await(left);
            result = predicate.getAsBoolean();
        }
        return result;
    }
}

package io.github.multiprocessing4j.sync;

import java.io.Serializable;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * A {@link Lock} or an {@link RLock}: what Python accepts as the {@code lock} argument of {@code Value} and
 * {@code Array} and returns from their {@code get_lock()}.
 *
 * <p>Both implementations live in shared memory; only the file name crosses the process boundary, so the lock a
 * child receives is the same lock. {@link #acquire()} blocks without burning a core, {@link #acquire(Duration)} at
 * most the timeout; when the holder's process dies, a waiter takes the lock over within about 10 ms
 * ({@link #recoveredFromDeadOwner()}). Thread-safe.
 */
public sealed interface Lockable extends Serializable, AutoCloseable permits Lock, RLock {
    /**
     * Acquires the lock, waiting as long as it takes (an {@link RLock} counts one more hold for its owner).
     *
     * @throws InterruptedException if interrupted while waiting
     */
    void acquire() throws InterruptedException;

    /**
     * Acquires the lock, waiting at most {@code timeout}.
     *
     * @param timeout how long to wait; zero or negative means try once
     * @return whether the lock was acquired
     * @throws InterruptedException if interrupted while waiting
     */
    boolean acquire(Duration timeout) throws InterruptedException;

    /** Releases the lock (one hold of an {@link RLock}). */
    void release();

    /**
     * Acquires the lock and returns a handle whose {@code close()} releases it (Python: {@code with lock:}).
     *
     * @return the held lock
     * @throws InterruptedException if interrupted while waiting
     */
    Lock.Held hold() throws InterruptedException;

    /**
     * Whether some thread of some process holds the lock now.
     *
     * @return whether the lock is held
     */
    boolean isLocked();

    /**
     * The pid of the process that died holding this lock, when this handle's latest acquisition took it over.
     *
     * @return the dead holder's pid, if the lock was recovered
     */
    OptionalLong recoveredFromDeadOwner();

    /**
     * The shared-memory file name of this lock.
     *
     * @return the name
     */
    String name();

    /** Detaches from the lock; in the creating process, also removes its file. */
    @Override
    void close();
}

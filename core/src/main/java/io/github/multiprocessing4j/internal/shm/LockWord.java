package io.github.multiprocessing4j.internal.shm;

import io.github.multiprocessing4j.internal.events.Events;
import io.github.multiprocessing4j.internal.watch.Liveness;
import java.nio.ByteBuffer;
import java.util.function.LongPredicate;

/**
 * The operations of a {@link LockLayout robust lock} at an offset of a shared buffer.
 *
 * <p>The owner is identified by pid and thread: the high 32 bits hold the pid, the low 32 bits the thread's id.
 * A holder that dies is noticed by waiters, who check the owner's pid about every 10 ms while they wait; the one
 * whose compare-and-set wins takes the lock over and is told ({@link Outcome#RECOVERED}). Whether the owner is dead
 * is the holder table's answer ({@link PeerTable#isDead}): a pid that does not run, a zombie, or a pid reused by a
 * process that started after the holder registered. A dead thread of a live process is not detected (as with any
 * in-process lock).
 */
public final class LockWord {
    /** What an acquisition did. */
    public enum Outcome {
        /** The lock was free (or already held by this thread, for a reentrant lock). */
        ACQUIRED,
        /** The lock was held by a process that died; it is now held by this thread. */
        RECOVERED,
        /** The deadline passed. */
        TIMED_OUT
    }

    private final ByteBuffer buffer;
    private final int base;
    private final LongPredicate isDead;

    /**
     * The lock at {@code base} of {@code buffer}.
     *
     * @param isDead whether a process that owns the lock is dead (usually a holder table's {@link PeerTable#isDead})
     */
    public LockWord(ByteBuffer buffer, int base, LongPredicate isDead) {
        this.buffer = buffer;
        this.base = base;
        this.isDead = isDead;
    }

    /** The lock at {@code base} of a segment's body, whose owners are among the segment's holders. */
    public LockWord(Segment segment, int base) {
        this(segment.body(), base, segment.holders()::isDead);
    }

    /** Lays out a free lock. */
    public static void init(ByteBuffer buffer, int base) {
        Words.setLongRelease(buffer, base + LockLayout.OWNER_OFFSET, 0);
        buffer.putInt(base + LockLayout.VERSION_OFFSET, LockLayout.VERSION);
    }

    /** This thread's owner word. */
    public static long self() {
        return (Liveness.selfPid() << 32) | (Thread.currentThread().getId() & 0xFFFF_FFFFL);
    }

    static long pidOf(long owner) {
        return owner >>> 32;
    }

    /**
     * Acquires the lock.
     *
     * @param reentrant whether the owner may take it again (counted)
     */
    public Outcome acquire(Waiter waiter, boolean reentrant) throws InterruptedException {
        long me = self();
        int ownerAt = base + LockLayout.OWNER_OFFSET;
        if (Words.casLong(buffer, ownerAt, 0, me)) { // the uncontended case, in one atomic operation
            if (reentrant) {
                buffer.putInt(base + LockLayout.COUNT_OFFSET, 1);
            }
            return Outcome.ACQUIRED;
        }
        int count = base + LockLayout.COUNT_OFFSET;
        Waiter.Outcome outcome = waiter.await(() -> {
            long owner = Words.getLongVolatile(buffer, ownerAt);
            if (owner == me && reentrant) {
                buffer.putInt(count, buffer.getInt(count) + 1);
                return true;
            }
            if (owner == 0 && Words.casLong(buffer, ownerAt, 0, me)) {
                buffer.putInt(count, 1);
                return true;
            }
            return false;
        }, () -> takeFromDeadOwner(me));
        return outcome == Waiter.Outcome.DONE ? Outcome.ACQUIRED
                : outcome == Waiter.Outcome.STOPPED ? Outcome.RECOVERED : Outcome.TIMED_OUT;
    }

    /** Takes the lock over if its owner is dead; the liveness check of a waiting acquire. */
    private boolean takeFromDeadOwner(long me) {
        int ownerAt = base + LockLayout.OWNER_OFFSET;
        long owner = Words.getLongVolatile(buffer, ownerAt);
        if (owner == 0 || owner == me || !isDead.test(pidOf(owner)) || !Words.casLong(buffer, ownerAt, owner, me)) {
            return false;
        }
        buffer.putInt(base + LockLayout.COUNT_OFFSET, 1);
        Words.setLongRelease(buffer, base + LockLayout.DEAD_OWNER_OFFSET, pidOf(owner));
        Words.getAndAddLong(buffer, base + LockLayout.RECOVERIES_OFFSET, 1);
        Events.lockRecovered(pidOf(owner));
        return true;
    }

    /** Whether the lock is held by a process that is dead (and nobody took it over yet). */
    public boolean ownerDead() {
        long owner = Words.getLongVolatile(buffer, base + LockLayout.OWNER_OFFSET);
        return owner != 0 && isDead.test(pidOf(owner));
    }

    /** Takes the lock if it is free (or, for a reentrant lock, held by this thread). */
    public boolean tryAcquire(boolean reentrant) {
        long me = self();
        int ownerAt = base + LockLayout.OWNER_OFFSET;
        if (!reentrant) {
            return Words.casLong(buffer, ownerAt, 0, me);
        }
        long owner = Words.getLongVolatile(buffer, ownerAt);
        if (owner == me && reentrant) {
            buffer.putInt(base + LockLayout.COUNT_OFFSET, buffer.getInt(base + LockLayout.COUNT_OFFSET) + 1);
            return true;
        }
        if (owner == 0 && Words.casLong(buffer, ownerAt, 0, me)) {
            buffer.putInt(base + LockLayout.COUNT_OFFSET, 1);
            return true;
        }
        return false;
    }

    /**
     * Releases the lock.
     *
     * @param what names the lock in an error message (its toString is called only then)
     * @param ownerOnly whether only the owning thread may release (RLock), else any thread of any process may
     *     (Lock, as in Python)
     * @throws IllegalStateException when the lock is not held (or, with ownerOnly, held by someone else)
     */
    public void release(boolean ownerOnly, Object what) {
        int ownerAt = base + LockLayout.OWNER_OFFSET;
        if (!ownerOnly) {
            // any thread may release a Lock, as in Python: one atomic exchange, and a free lock stays free
            if (Words.getAndSetLong(buffer, ownerAt, 0) == 0) {
                throw new IllegalStateException("cannot release a lock that is not held: lock=" + what);
            }
            return;
        }
        long owner = Words.getLongVolatile(buffer, ownerAt);
        if (owner == 0) {
            throw new IllegalStateException("cannot release a lock that is not held: lock=" + what);
        }
        if (owner != self()) {
            throw new IllegalStateException("cannot release a lock held by another thread or process: lock="
                    + what + ", ownerPid=" + pidOf(owner) + ", ownerThread=" + (owner & 0xFFFF_FFFFL));
        }
        int count = buffer.getInt(base + LockLayout.COUNT_OFFSET);
        if (count > 1) {
            buffer.putInt(base + LockLayout.COUNT_OFFSET, count - 1);
            return;
        }
        buffer.putInt(base + LockLayout.COUNT_OFFSET, 0);
        Words.setLongRelease(buffer, ownerAt, 0);
    }

    /** Releases a non-reentrant lock that the caller knows it holds (the rings' internal locks). */
    public void releaseHeld() {
        Words.setLongRelease(buffer, base + LockLayout.OWNER_OFFSET, 0);
    }

    /**
     * Releases a reentrant lock completely, whatever its count, for a condition wait.
     *
     * @return the count to restore
     */
    public int releaseAll(Object what) {
        long owner = Words.getLongVolatile(buffer, base + LockLayout.OWNER_OFFSET);
        if (owner != self()) {
            throw new IllegalStateException("cannot wait on a condition whose lock this thread does not hold:"
                    + " lock=" + what);
        }
        int count = buffer.getInt(base + LockLayout.COUNT_OFFSET);
        buffer.putInt(base + LockLayout.COUNT_OFFSET, 0);
        Words.setLongRelease(buffer, base + LockLayout.OWNER_OFFSET, 0);
        return count;
    }

    /** Sets the hold count after a condition wait re-acquired the lock. */
    public void restoreCount(int count) {
        buffer.putInt(base + LockLayout.COUNT_OFFSET, count);
    }

    public boolean isLocked() {
        return Words.getLongVolatile(buffer, base + LockLayout.OWNER_OFFSET) != 0;
    }

    public boolean isHeldByCurrentThread() {
        return Words.getLongVolatile(buffer, base + LockLayout.OWNER_OFFSET) == self();
    }

    /** The pid of the process holding the lock, or 0. */
    public long ownerPid() {
        return pidOf(Words.getLongVolatile(buffer, base + LockLayout.OWNER_OFFSET));
    }

    /** The pid of the last owner found dead. */
    public long lastDeadOwner() {
        return Words.getLongAcquire(buffer, base + LockLayout.DEAD_OWNER_OFFSET);
    }

    public long recoveries() {
        return Words.getLongVolatile(buffer, base + LockLayout.RECOVERIES_OFFSET);
    }
}

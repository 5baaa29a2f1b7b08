package io.github.multiprocessing4j.internal.shm;

import java.nio.ByteBuffer;

/**
 * The operations of a {@link ConditionLayout condition} at the start of a segment body, with the lock it is bound
 * to (a {@link LockWord} in another segment). Every word changes only under that lock.
 */
public final class ConditionWord {
    private final ByteBuffer body;
    private final LockWord lock;
    private final boolean reentrant;

    /** The condition in {@code body}, bound to {@code lock} (an RLock's when {@code reentrant}). */
    public ConditionWord(ByteBuffer body, LockWord lock, boolean reentrant) {
        this.body = body;
        this.lock = lock;
        this.reentrant = reentrant;
    }

    /** Lays out a condition nobody waits on. */
    public static void init(ByteBuffer body) {
        body.putInt(ConditionLayout.VERSION_OFFSET, ConditionLayout.VERSION);
    }

    /** Whether this thread holds the lock, as waiting and signalling require. */
    public boolean isLockHeld() {
        return lock.isHeldByCurrentThread();
    }

    /**
     * Releases the lock, waits for a signal, takes the lock back (even when interrupted or stopped). A waiter that
     * was not signalled gives its ticket back, so it never swallows a signal meant for another.
     *
     * @param what names the condition in an error message
     * @return DONE when signalled, TIMED_OUT, or STOPPED when the check said nobody is left (and no signal came)
     * @throws InterruptedException when interrupted while waiting; the lock is held again
     */
    public Waiter.Outcome await(Waiter waiter, Waiter.Check othersGone, Object what) throws InterruptedException {
        long ticket = Words.getLongVolatile(body, ConditionLayout.NEXT);
        Words.setLongVolatile(body, ConditionLayout.NEXT, ticket + 1);
        int count = lock.releaseAll(what);
        InterruptedException interrupted = null;
        Waiter.Outcome outcome;
        try {
            outcome = waiter.await(() -> Words.getLongVolatile(body, ConditionLayout.RELEASED) > ticket, othersGone);
        } catch (InterruptedException e) {
            interrupted = e;
            outcome = Waiter.Outcome.TIMED_OUT;
        }
        lock.acquire(Waiter.forever(), reentrant);
        lock.restoreCount(count);
        boolean signalled = Words.getLongVolatile(body, ConditionLayout.RELEASED) > ticket;
        if (!signalled) {
            long next = Words.getLongVolatile(body, ConditionLayout.NEXT);
            if (next == ticket + 1) {
                Words.setLongVolatile(body, ConditionLayout.NEXT, ticket);
            } else {
                Words.getAndAddLong(body, ConditionLayout.CANCELLED, 1);
            }
        }
        if (interrupted != null) {
            throw interrupted;
        }
        return signalled ? Waiter.Outcome.DONE : outcome;
    }

    /** Lets up to {@code n} waiters go; the caller holds the lock. */
    public void signal(int n) {
        long next = Words.getLongVolatile(body, ConditionLayout.NEXT);
        long released = Words.getLongVolatile(body, ConditionLayout.RELEASED);
        long cancelled = Words.getLongVolatile(body, ConditionLayout.CANCELLED);
        long target = Math.min(next, released + Math.max(0, n) + cancelled);
        if (target == next) {
            Words.setLongVolatile(body, ConditionLayout.CANCELLED, 0);
        }
        Words.setLongVolatile(body, ConditionLayout.RELEASED, target);
    }
}

package io.github.multiprocessing4j.internal.shm;

import io.github.multiprocessing4j.function.Target0;
import java.nio.ByteBuffer;
import java.util.concurrent.BrokenBarrierException;

/**
 * The operations of a {@link BarrierLayout barrier} at the start of a segment body. Thread- and process-safe; the
 * lock recovers from a party that died holding it.
 */
public final class BarrierWord {
    private final ByteBuffer body;
    private final LockWord lock;
    private final String name;

    /** The barrier of a segment; {@code name} goes into error messages. */
    public BarrierWord(Segment segment, String name) {
        this.body = segment.body();
        this.lock = new LockWord(segment, BarrierLayout.LOCK);
        this.name = name;
    }

    /** Lays out a barrier for {@code parties} parties. */
    public static void init(ByteBuffer body, int parties) {
        LockWord.init(body, BarrierLayout.LOCK);
        body.putInt(BarrierLayout.PARTIES, parties);
        body.putInt(BarrierLayout.BROKEN_GENERATION, -1);
        body.putInt(BarrierLayout.VERSION_OFFSET, BarrierLayout.VERSION);
    }

    /**
     * Arrives and waits for the other parties. A timeout or a stop from the check breaks the barrier.
     *
     * @param action run by the last party to arrive, or null
     * @param timeoutText how the timeout is named in the message when it passes
     * @return the arrival index
     */
    public int await(Waiter waiter, Target0 action, Waiter.Check othersGone, Object timeoutText)
            throws BrokenBarrierException, InterruptedException {
        int generation;
        int index;
        lock.acquire(Waiter.forever(), false);
        try {
            if (body.getInt(BarrierLayout.BROKEN) != 0) {
                throw broken("broken");
            }
            generation = body.getInt(BarrierLayout.GENERATION);
            index = body.getInt(BarrierLayout.WAITING);
            if (index + 1 == parties()) {
                runAction(action);
                body.putInt(BarrierLayout.WAITING, 0);
                Words.setIntVolatile(body, BarrierLayout.GENERATION, generation + 1);
                return index;
            }
            body.putInt(BarrierLayout.WAITING, index + 1);
        } finally {
            lock.release(false, name);
        }
        Waiter.Outcome outcome = waiter.await(() -> Words.getIntVolatile(body, BarrierLayout.GENERATION) != generation
                || isBroken(), othersGone);
        if (outcome == Waiter.Outcome.DONE) {
            if (Words.getIntVolatile(body, BarrierLayout.GENERATION) == generation) {
                throw broken("broken");
            }
            if (Words.getIntVolatile(body, BarrierLayout.BROKEN_GENERATION) == generation) {
                throw broken("reset while waiting");
            }
            return index;
        }
        abort();
        throw broken(outcome == Waiter.Outcome.STOPPED ? "every other process using the barrier is gone"
                : "timed out after " + timeoutText);
    }

    private void runAction(Target0 action) throws BrokenBarrierException {
        if (action == null) {
            return;
        }
        try {
            action.run();
        } catch (Exception | Error e) {
            Words.setIntVolatile(body, BarrierLayout.BROKEN, 1);
            BrokenBarrierException broken = broken("its action failed");
            broken.initCause(e);
            throw broken;
        }
    }

    private BrokenBarrierException broken(String why) {
        return new BrokenBarrierException("barrier is broken: reason=" + why + ", name=" + name + ", parties="
                + parties());
    }

    /** Breaks the barrier until {@link #reset()}. */
    public void abort() {
        Words.setIntVolatile(body, BarrierLayout.BROKEN, 1);
    }

    /** Returns the barrier to its initial state; the parties waiting now are told they were reset. */
    public void reset() throws InterruptedException {
        lock.acquire(Waiter.forever(), false);
        try {
            int generation = body.getInt(BarrierLayout.GENERATION);
            if (body.getInt(BarrierLayout.WAITING) > 0) {
                Words.setIntVolatile(body, BarrierLayout.BROKEN_GENERATION, generation);
            }
            body.putInt(BarrierLayout.WAITING, 0);
            Words.setIntVolatile(body, BarrierLayout.BROKEN, 0);
            Words.setIntVolatile(body, BarrierLayout.GENERATION, generation + 1);
        } finally {
            lock.release(false, name);
        }
    }

    public int parties() {
        return body.getInt(BarrierLayout.PARTIES);
    }

    public int waiting() {
        return Words.getIntVolatile(body, BarrierLayout.WAITING);
    }

    public boolean isBroken() {
        return Words.getIntVolatile(body, BarrierLayout.BROKEN) != 0;
    }
}

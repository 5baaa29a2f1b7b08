package io.github.multiprocessing4j.internal.shm;

import java.nio.ByteBuffer;

/** The operations of a {@link SemaphoreLayout semaphore} at the start of a segment body. Thread- and process-safe. */
public final class SemaphoreWord {
    private final ByteBuffer body;

    public SemaphoreWord(ByteBuffer body) {
        this.body = body;
    }

    /** Lays out a semaphore with {@code value} permits and a bound (-1 for none). */
    public static void init(ByteBuffer body, int value, int bound) {
        body.putInt(SemaphoreLayout.PERMITS, value);
        body.putInt(SemaphoreLayout.BOUND, bound);
        body.putInt(SemaphoreLayout.VERSION_OFFSET, SemaphoreLayout.VERSION);
    }

    /** Takes a permit if there is one. */
    public boolean tryAcquire() {
        while (true) {
            int permits = Words.getIntVolatile(body, SemaphoreLayout.PERMITS);
            if (permits <= 0) {
                return false;
            }
            if (Words.casInt(body, SemaphoreLayout.PERMITS, permits, permits - 1)) {
                return true;
            }
        }
    }

    /** Takes a permit, waiting as the waiter says. */
    public Waiter.Outcome acquire(Waiter waiter, Waiter.Check othersGone) throws InterruptedException {
        return waiter.await(this::tryAcquire, othersGone);
    }

    /**
     * Gives a permit back.
     *
     * @param what names the semaphore in the error message
     * @throws IllegalStateException for a bounded semaphore at its bound
     */
    public void release(Object what) {
        int bound = body.getInt(SemaphoreLayout.BOUND);
        while (true) {
            int permits = Words.getIntVolatile(body, SemaphoreLayout.PERMITS);
            if (bound >= 0 && permits >= bound) {
                throw new IllegalStateException("semaphore released too many times: name=" + what + ", value="
                        + permits + ", bound=" + bound);
            }
            if (Words.casInt(body, SemaphoreLayout.PERMITS, permits, permits + 1)) {
                return;
            }
        }
    }

    /** The free permits now. */
    public int value() {
        return Words.getIntVolatile(body, SemaphoreLayout.PERMITS);
    }
}

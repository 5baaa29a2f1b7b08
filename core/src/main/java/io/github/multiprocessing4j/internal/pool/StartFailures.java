package io.github.multiprocessing4j.internal.pool;

/**
 * The pool's breaker: counts workers in a row that could not start on their own, and says how long to wait
 * before the next attempt. Guarded by the pool's lock.
 *
 * <p>What counts is a worker that ended with an exit status (not a signal) before it was ready (a bad JVM option,
 * a class it cannot load, an initializer that calls {@code System.exit}), and a launch that failed. A death by a
 * signal (an operator's or the OOM killer's SIGKILL, a container runtime's SIGTERM) says nothing about whether a
 * worker can start: it never counts. A worker that becomes ready clears the count.
 *
 * <p>After the n-th failure in a row the next attempt waits {@value #FIRST_DELAY_MILLIS} ms doubled n - 1 times,
 * at most {@value #MAX_DELAY_MILLIS} ms; at {@value #LIMIT} failures in a row the pool is broken.
 */
final class StartFailures {
    static final int LIMIT = 5;
    static final long FIRST_DELAY_MILLIS = 100;
    static final long MAX_DELAY_MILLIS = 5_000;

    private int inRow;

    /** Whether a worker's end counts: an exit status (n >= 0, not -N for signal N) before it was ready. */
    static boolean counts(Worker worker, int exitCode) {
        return !worker.ready && !worker.retiring && exitCode >= 0;
    }

    /** A worker became ready. */
    void clear() {
        inRow = 0;
    }

    /**
     * Records one more failure.
     *
     * @return whether the pool should now be broken
     */
    boolean record() {
        inRow++;
        return inRow >= LIMIT;
    }

    /** Failures in a row so far. */
    int inRow() {
        return inRow;
    }

    /** How long to wait before the next start: 0 after a success or a death by signal. */
    long delayMillis() {
        if (inRow == 0) {
            return 0;
        }
        long delay = FIRST_DELAY_MILLIS << Math.min(inRow - 1, 20);
        return Math.min(delay, MAX_DELAY_MILLIS);
    }
}

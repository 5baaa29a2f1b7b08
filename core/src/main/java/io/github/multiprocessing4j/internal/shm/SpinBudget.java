package io.github.multiprocessing4j.internal.shm;

/**
 * How long a {@link Waiter} stays on the CPU before it parks, learnt from the waits at one place (one side of one
 * ring, in this process), as adaptive mutexes do. A parked thread takes tens of microseconds to wake on a virtual
 * machine, far longer than a peer takes to answer a message, so a side whose recent waits ended soon stays long
 * enough to catch the next answer (twice the recent waits, at most {@link #MAX_NANOS}); a side whose waits are long
 * stays only {@link Waiter#YIELD_NANOS}, so a thread blocked for long costs almost no CPU. Past the first
 * {@link Waiter#SPIN_NANOS} the waiter yields rather than spins, so that on a busy machine the process it waits for
 * gets the CPU.
 *
 * <p>Shared by the threads that wait at that place without a lock: a lost update only leaves the estimate a
 * little stale. Nothing here crosses a process boundary.
 */
public final class SpinBudget {
    /** The longest stay: a bounded cost even when every wait ends just after it. */
    static final long MAX_NANOS = 100_000;
    /**
     * Waits longer than this are not worth staying on the CPU for: the answer was not coming soon. Longer than the
     * longest stay and a first park's oversleep, so a wait that only just missed the stay still counts.
     */
    static final long SOON_NANOS = 200_000;

    private volatile long spin = Waiter.YIELD_NANOS;

    /** How long the next wait stays on the CPU. */
    long nanos() {
        return spin;
    }

    /**
     * Learns from a wait that ended after {@code waited} nanoseconds.
     *
     * @param waited how long the wait took, or a negative number when it did not end with the state it waited for
     */
    void waited(long waited) {
        long target = waited < 0 || waited > SOON_NANOS ? Waiter.YIELD_NANOS
                : Math.max(Waiter.YIELD_NANOS, Math.min(MAX_NANOS, 2 * waited));
        spin += (target - spin) / 4;
    }
}

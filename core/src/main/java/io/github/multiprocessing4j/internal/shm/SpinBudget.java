package io.github.multiprocessing4j.internal.shm;

/**
 * How a {@link Waiter} waits at one place (one side of one ring, in this process), learnt from the waits there, as
 * adaptive mutexes do. Two things are learnt:
 * <ul>
 * <li>How long it stays on the CPU before it parks. A parked thread takes about 100 µs to wake on a virtual
 * machine, far longer than a peer takes to answer a message, so a side whose recent waits ended soon stays long
 * enough to catch the next answer (twice the recent waits, at most {@link #MAX_NANOS}); a side whose waits are long
 * stays only {@link Waiter#YIELD_NANOS}, so a thread blocked for long costs almost no CPU.</li>
 * <li>Whether to spin before it yields. When the peer runs on another core, a few microseconds of spinning catch
 * its answer soonest; when it shares this core (2 cores and other work), spinning only delays it, and yielding at
 * once hands it the CPU. Waits that end just after a yield that gave the CPU away halve the spin, down to
 * {@link #MIN_SPIN_NANOS}; other waits that end restore it; one wait in {@link #PROBE_EVERY} spins fully again,
 * to notice when the peer moved.</li>
 * </ul>
 *
 * <p>Shared by the threads that wait at that place without a lock: a lost update only leaves an estimate a little
 * stale. Nothing here crosses a process boundary.
 */
public final class SpinBudget {
    /** The longest stay: a bounded cost even when every wait ends just after it. */
    static final long MAX_NANOS = 100_000;
    /**
     * Waits longer than this are not worth staying on the CPU for: the answer was not coming soon. Longer than the
     * longest stay and a first park's oversleep, so a wait that only just missed the stay still counts.
     */
    static final long SOON_NANOS = 200_000;
    /**
     * The shortest spin: a consumer just ahead of its producer still catches the next item without a system call
     * (a yield costs about 1.5 µs here), while a peer on this core is held up by no more than this.
     */
    static final long MIN_SPIN_NANOS = 1_000;
    /** One wait in this many spins {@link Waiter#SPIN_NANOS} whatever was learnt. */
    static final int PROBE_EVERY = 64;

    private volatile long stay = Waiter.YIELD_NANOS;
    private volatile long spin = Waiter.SPIN_NANOS;
    private int waits;

    /** How long the next wait stays on the CPU. */
    long nanos() {
        return stay;
    }

    /** How long the next wait spins before it yields. */
    long spinNanos() {
        return (++waits & (PROBE_EVERY - 1)) == 0 ? Waiter.SPIN_NANOS : spin;
    }

    /**
     * Learns from a wait that ended after {@code waited} nanoseconds.
     *
     * @param waited how long the wait took, or a negative number when it did not end with the state it waited for
     * @param whileSpinning whether it ended before its first yield
     * @param afterYieldingAway whether it ended just after a yield that gave the CPU to another thread (likely the
     *     peer, sharing this core)
     */
    void waited(long waited, boolean whileSpinning, boolean afterYieldingAway) {
        long target = waited < 0 || waited > SOON_NANOS ? Waiter.YIELD_NANOS
                : Math.max(Waiter.YIELD_NANOS, Math.min(MAX_NANOS, 2 * waited));
        stay += (target - stay) / 4;
        if (afterYieldingAway && waited >= 0 && waited <= SOON_NANOS) {
            spin = Math.max(MIN_SPIN_NANOS, spin / 2);
        } else if (whileSpinning || waited >= 0) {
            spin = Waiter.SPIN_NANOS; // the peer answered from another core, soon or late: spinning is no harm
        }
    }
}

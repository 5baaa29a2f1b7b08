package io.github.multiprocessing4j.internal.shm;

import io.github.multiprocessing4j.internal.events.Events;
import io.github.multiprocessing4j.internal.events.WaitEvent;
import io.github.multiprocessing4j.internal.time.Durations;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * How a thread waits for a word in shared memory to change: there is no futex in the JDK, so it spins for a few
 * microseconds (the other side often answers that fast; a {@link SpinBudget} may learn that yielding at once is
 * better), yields for a while (30 µs, or what the budget learnt: up to 100 µs where recent waits ended soon), then
 * parks with a growing pause of
 * at most {@link #MAX_PARK_NANOS}, so that a thread blocked for long costs almost no CPU (a spinning waiter would
 * steal a core on a 2-core machine). Also says when it is time to look whether the peers are still alive.
 *
 * <p>Every wait on shared memory goes through {@link #await(BooleanSupplier, Check)}: it owns the deadline
 * arithmetic, the backoff, the interrupt and the periodic liveness check. One waiter serves one wait of one thread.
 */
public final class Waiter {
    static final long SPIN_NANOS = 5_000;
    static final long YIELD_NANOS = 30_000;
    static final long MAX_PARK_NANOS = 1_000_000;
    /** How often a blocked thread checks that the processes it waits for are alive. */
    static final long CHECK_NANOS = 10_000_000;

    private long start;
    private final long deadline;
    private final boolean forever;
    private long park = 1_000;
    private long nextCheck;
    /**
     * How long the current wait stays on the CPU (spinning, then yielding) before it parks: {@link #YIELD_NANOS},
     * or what its budget learnt.
     */
    private long stay = YIELD_NANOS;
    /** How long the current wait spins before it yields. */
    private long spin = SPIN_NANOS;
    /** Whether the current wait has yielded or parked yet. */
    private boolean yielded;
    /** Whether its last pause was a yield that gave the CPU away (it took longer than {@link #AWAY_NANOS}). */
    private boolean yieldedAway;
    /** A yield longer than this gave the CPU to another thread: a quick one found nobody else to run. */
    static final long AWAY_NANOS = 3_000;

    private Waiter(long timeoutNanos, boolean forever) {
        this.forever = forever;
        // an operation that never waits never reads the clock: most puts and gets find room or data at once
        this.start = forever ? 0 : System.nanoTime();
        this.deadline = forever ? 0 : start + Math.max(0, timeoutNanos);
        this.nextCheck = forever ? 0 : start + CHECK_NANOS;
    }

    private void startClock(long now) {
        if (forever && start == 0) {
            start = now;
            nextCheck = now + CHECK_NANOS;
        }
    }

    /** Waits without a deadline. */
    public static Waiter forever() {
        return new Waiter(0, true);
    }

    /** Waits at most {@code timeout}; {@code null} means forever, a negative timeout means do not wait. */
    public static Waiter upTo(Duration timeout) {
        return timeout == null ? forever() : new Waiter(Durations.toNanosSaturated(timeout), false);
    }


    /** How a wait ended. */
    public enum Outcome {
        /** The awaited state came. */
        DONE,
        /** The deadline passed first. */
        TIMED_OUT,
        /** The liveness check said to stop: nobody is left who could end the wait (or a dead holder was replaced). */
        STOPPED
    }

    /**
     * Looks, about every 10 ms of waiting, whether the processes that could end the wait are still there. Answers
     * true to stop waiting; may also throw (an unchecked exception) to end the wait with an error.
     */
    @FunctionalInterface
    public interface Check {
        boolean stop();
    }

    /** A check that never stops a wait: for waits whose peers are not watched. */
    public static final Check NO_CHECK = () -> false;

    /**
     * Waits until {@code done} is true: tests it, then pauses (spin, yield or park, as above) and tests it again,
     * running {@code check} about every 10 ms.
     *
     * @param done the state waited for; tested first, so a wait for a state that holds already never pauses
     * @param check the liveness check
     * @return how the wait ended
     * @throws InterruptedException when the thread was interrupted while pausing
     */
    public Outcome await(BooleanSupplier done, Check check) throws InterruptedException {
        return await(done, check, null);
    }

    /**
     * Waits as {@link #await(BooleanSupplier, Check)} does, staying on the CPU (spinning, then yielding it to
     * whoever else can run) as long as {@code budget} says before it parks, and teaching the budget how long this
     * wait took.
     *
     * @param budget what the waits at this place learnt, or null to park after {@link #YIELD_NANOS}
     */
    public Outcome await(BooleanSupplier done, Check check, SpinBudget budget) throws InterruptedException {
        if (done.getAsBoolean()) {
            return Outcome.DONE;
        }
        WaitEvent event = Events.waitBegins(); // a Flight Recorder event, or null when none is recorded
        long began = budget == null ? 0 : System.nanoTime();
        stay = budget == null ? YIELD_NANOS : budget.nanos();
        spin = budget == null ? SPIN_NANOS : budget.spinNanos();
        yielded = false;
        yieldedAway = false;
        Outcome outcome = awaitChanged(done, check);
        if (budget != null) {
            budget.waited(outcome == Outcome.DONE ? System.nanoTime() - began : -1, !yielded, yieldedAway);
        }
        Events.waitEnded(event, outcome);
        return outcome;
    }

    private Outcome awaitChanged(BooleanSupplier done, Check check) throws InterruptedException {
        while (!done.getAsBoolean()) {
            if (timeToCheck() && check.stop()) {
                return Outcome.STOPPED;
            }
            if (!pause()) {
                return Outcome.TIMED_OUT;
            }
        }
        return Outcome.DONE;
    }

    /** The time left before the deadline (zero once it passed), or null for a wait without one. */
    public Duration remaining() {
        return forever ? null : Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    /** Whether the deadline has passed. */
    public boolean expired() {
        return !forever && System.nanoTime() - deadline >= 0;
    }

    /**
     * Pauses once.
     *
     * @return false when the deadline has passed (without pausing)
     * @throws InterruptedException when the thread was interrupted
     */
    private boolean pause() throws InterruptedException {
        long now = System.nanoTime();
        startClock(now);
        if (!forever && now - deadline >= 0) {
            return false;
        }
        long waited = now - start;
        if (waited < spin) {
            Thread.onSpinWait();
        } else if (waited < stay) {
            yielded = true;
            Thread.yield();
            yieldedAway = System.nanoTime() - now > AWAY_NANOS;
        } else {
            yielded = true;
            yieldedAway = false;
            LockSupport.parkNanos(forever ? park : Math.min(park, deadline - now));
            park = Math.min(MAX_PARK_NANOS, park * 2);
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while waiting on shared memory");
        }
        return true;
    }

    /** True about every 10 ms of waiting: the moment to check that the peers are alive. */
    boolean timeToCheck() {
        long now = System.nanoTime();
        startClock(now);
        if (now - nextCheck >= 0) {
            nextCheck = now + CHECK_NANOS;
            return true;
        }
        return false;
    }
}

package io.github.multiprocessing4j.cluster;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting on cluster state that has no wake-up of its own (an event flag, a count, a semaphore's permits): the
 * condition is checked about every 25 ms, each check one round trip.
 */
final class Poll {
    static final long MILLIS = 25;

    private Poll() {
    }

    /** Waits until {@code condition} holds. */
    static void until(BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            Thread.sleep(MILLIS);
        }
    }

    /** Waits at most {@code timeout} until {@code condition} holds; whether it held. */
    static boolean until(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            Thread.sleep(Math.min(MILLIS, Math.max(1, left / 1_000_000)));
        }
        return true;
    }
}

package io.github.multiprocessing4j.internal.time;

import java.time.Duration;

/**
 * Turns the public API's {@link Duration}s into nanoseconds without overflow: any non-negative duration, up to
 * {@code Duration.ofSeconds(Long.MAX_VALUE)}, is accepted and one longer than {@link #FOREVER_NANOS} means
 * "practically forever"; a negative one means "do not wait", as a negative timeout does in Python.
 */
public final class Durations {
    /**
     * About 73 years: the longest wait in nanoseconds. A quarter of {@code Long.MAX_VALUE}, so that a deadline
     * {@code System.nanoTime() + FOREVER_NANOS}, and sums and products of a few of them, cannot overflow.
     */
    public static final long FOREVER_NANOS = Long.MAX_VALUE / 4;

    private Durations() {
    }

    /** {@code d} in nanoseconds: 0 when negative, at most {@link #FOREVER_NANOS}. */
    public static long toNanosSaturated(Duration d) {
        if (d.isNegative()) {
            return 0;
        }
        if (d.compareTo(Duration.ofNanos(FOREVER_NANOS)) >= 0) {
            return FOREVER_NANOS;
        }
        return d.toNanos();
    }

    /** {@code a * b} for non-negative values, at most {@link #FOREVER_NANOS}: a chunk's time limit. */
    public static long timesSaturated(long nanos, long count) {
        if (count != 0 && nanos > FOREVER_NANOS / count) {
            return FOREVER_NANOS;
        }
        return nanos * count;
    }

    /** A deadline {@code nanos} from now on the {@link System#nanoTime()} clock. */
    public static long deadline(Duration timeout) {
        return System.nanoTime() + toNanosSaturated(timeout);
    }
}

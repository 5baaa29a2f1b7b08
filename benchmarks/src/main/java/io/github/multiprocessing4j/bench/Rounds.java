package io.github.multiprocessing4j.bench;

/**
 * How a metric repeats its measurement in the same processes: {@code warm} rounds not kept, then {@code measured}
 * rounds kept; a round of a latency metric is {@code samples} round trips.
 *
 * @param warm rounds run to warm up (compile) the code, not kept
 * @param measured rounds kept
 * @param samples round trips per round, for latency metrics
 */
record Rounds(int warm, int measured, int samples) {
    /** Steady state: warm-up rounds in the same JVMs, then repeated rounds. */
    static Rounds steady(double scale) {
        return new Rounds(Math.max(2, (int) (5 * scale)), Math.max(3, (int) (5 * scale)), samples(scale));
    }

    /** Cold: the first round in fresh JVMs, nothing before it. */
    static Rounds cold(double scale) {
        return new Rounds(0, 1, samples(scale));
    }

    private static int samples(double scale) {
        return Math.max(200, (int) (2000 * scale)); // bench_mp.py's count of round trips
    }

    int total() {
        return warm + measured;
    }

    boolean isMeasured(int round) {
        return round >= warm;
    }
}

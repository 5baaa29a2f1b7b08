package io.github.multiprocessing4j.bench;

import java.util.List;

/**
 * One metric of bench_mp.py measured on this library: its unit, a note, and how to measure it in rounds.
 *
 * @param unit the unit, as bench_mp.py prints it
 * @param note what is measured
 * @param measure the measurement
 */
record Metric(String unit, String note, Measure measure) {
    /** Measures {@link Rounds#total()} rounds and returns the values of the measured ones. */
    @FunctionalInterface
    interface Measure {
        List<Double> run(Rounds rounds) throws Exception;
    }
}

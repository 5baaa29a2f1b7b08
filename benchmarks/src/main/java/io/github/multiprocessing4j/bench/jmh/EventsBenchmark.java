package io.github.multiprocessing4j.bench.jmh;

import io.github.multiprocessing4j.internal.events.Events;
import io.github.multiprocessing4j.internal.shm.Waiter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a Flight Recorder hook costs when no recording is on: the blocking-wait hook (the one on the hottest path)
 * and a process-exit hook, against an empty method. Run: {@code java -cp
 * benchmarks/target/multiprocessing4j-benchmarks.jar org.openjdk.jmh.Main EventsBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventsBenchmark {
    @Benchmark
    public void baseline() {
        // nothing: the floor of a benchmark call
    }

    @Benchmark
    public void waitHookWhenNotRecording() {
        Events.waitEnded(Events.waitBegins(), Waiter.Outcome.DONE);
    }

    @Benchmark
    public void exitHookWhenNotRecording() {
        Events.processExited(42, 0);
    }
}

package io.github.multiprocessing4j.bench.jmh;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.internal.codec.AllowList;
import io.github.multiprocessing4j.internal.codec.Codec;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process costs on the path of every start and every message: encoding and decoding a process (its lambda
 * and arguments) and a small value. Run: {@code java -cp benchmarks/target/multiprocessing4j-benchmarks.jar
 * org.openjdk.jmh.Main CodecBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
    private Process process;
    private byte[] processBytes;
    private byte[] intBytes;
    private final AllowList allowList = new AllowList();

    static void target(String s) {
        System.identityHashCode(s);
    }

    @Setup
    public void setUp() {
        process = new Process(CodecBenchmark::target, "argument");
        processBytes = Codec.encode(process, "bench").bytes();
        intBytes = Codec.encode(42, "bench").bytes();
        allowList.add("io.github.multiprocessing4j.**");
    }

    @Benchmark
    public byte[] encodeProcess() {
        return Codec.encode(process, "bench").bytes();
    }

    @Benchmark
    public Object decodeProcess() throws IOException, ClassNotFoundException {
        return Codec.decode(processBytes, allowList);
    }

    @Benchmark
    public byte[] encodeInt() {
        return Codec.encode(42, "bench").bytes();
    }

    @Benchmark
    public Object decodeInt() throws IOException, ClassNotFoundException {
        return Codec.decode(intBytes, allowList);
    }
}

package io.github.multiprocessing4j.bench;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.ipc.Connection;
import io.github.multiprocessing4j.ipc.Pipe;
import io.github.multiprocessing4j.ipc.Queue;
import io.github.multiprocessing4j.ipc.SimpleQueue;
import io.github.multiprocessing4j.shm.IntValue;
import io.github.multiprocessing4j.shm.Value;
import io.github.multiprocessing4j.sync.Barrier;
import io.github.multiprocessing4j.sync.Lockable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Queue, Pipe and Value figures between processes, printed as JSON lines with the metric names of
 * ../shared/bench/python/bench_mp.py ({@code transport}, {@code value}, {@code pipe_rtt_obj}, {@code queue_rtt_int}).
 * Run: {@code java -cp benchmarks/target/classes:core/target/classes io.github.multiprocessing4j.bench.IpcBench
 * [runs]}. Timing is from the producer's first put to the consumer's last get ({@code System.nanoTime} is
 * CLOCK_MONOTONIC on Linux, the same clock in every process).
 */
public final class IpcBench {
    private static final int NS = 200_000;
    private static final int NB = 500;
    private static final int MIB = 1 << 20;
    private static final Duration WAIT = Duration.ofMinutes(2);

    private IpcBench() {
    }

    /** Puts {@code n} ints, or {@code -n} 1 MiB byte arrays when n is negative. */
    static void queueProducer(Queue<Object> q, Barrier b, Integer count, Queue<Long> times) throws Exception {
        boolean bytes = count < 0;
        int n = Math.abs(count);
        byte[] payload = new byte[MIB];
        b.await(WAIT);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            q.put(bytes ? payload : (Object) i);
        }
        times.put(t0);
    }

    static void queueConsumer(Queue<Object> q, Barrier b, Integer n, Queue<Long> times) throws Exception {
        b.await(WAIT);
        for (int i = 0; i < n; i++) {
            q.get();
        }
        times.put(System.nanoTime());
    }

    static void simpleProducer(SimpleQueue<Object> q, Barrier b, Integer n, Queue<Long> times) throws Exception {
        b.await(WAIT);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            q.put(i);
        }
        times.put(t0);
    }

    static void simpleConsumer(SimpleQueue<Object> q, Barrier b, Integer n, Queue<Long> times) throws Exception {
        b.await(WAIT);
        for (int i = 0; i < n; i++) {
            q.get();
        }
        times.put(System.nanoTime());
    }

    /** Sends {@code n} ints, or {@code -n} 1 MiB byte arrays when n is negative. */
    static void pipeProducer(Connection w, Barrier b, Integer count, Queue<Long> times) throws Exception {
        boolean bytes = count < 0;
        int n = Math.abs(count);
        byte[] payload = new byte[MIB];
        b.await(WAIT);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (bytes) {
                w.sendBytes(payload);
            } else {
                w.send(i);
            }
        }
        times.put(t0);
    }

    static void pipeConsumer(Connection r, Barrier b, Integer count, Queue<Long> times) throws Exception {
        boolean bytes = count < 0;
        int n = Math.abs(count);
        b.await(WAIT);
        for (int i = 0; i < n; i++) {
            if (bytes) {
                r.recvBytes();
            } else {
                r.recv();
            }
        }
        times.put(System.nanoTime());
    }

    static void pipeEcho(Connection c, Integer n) throws Exception {
        for (int i = 0; i < n; i++) {
            c.recv();
            c.send(new long[] {System.nanoTime(), System.currentTimeMillis()});
        }
    }

    static void queueEcho(Queue<Object> in, Queue<Object> out, Integer n) throws Exception {
        for (int i = 0; i < n; i++) {
            out.put(in.get());
        }
    }

    static void incrementLocked(IntValue v, Barrier b, Integer n, Queue<long[]> times) throws Exception {
        b.await(WAIT);
        long t0 = System.nanoTime();
        Lockable lock = v.getLock();
        for (int i = 0; i < n; i++) {
            lock.acquire();
            try {
                v.set(v.get() + 1);
            } finally {
                lock.release();
            }
        }
        times.put(new long[] {t0, System.nanoTime()});
    }

    /** Runs a producer and a consumer process, returns seconds from the producer's start to the consumer's end. */
    private static double twoParty(Process producer, Process consumer, Queue<Long> times) throws Exception {
        producer.start();
        consumer.start();
        long a = times.get(WAIT);
        long b = times.get(WAIT);
        producer.join();
        consumer.join();
        return (Math.max(a, b) - Math.min(a, b)) / 1e9;
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        double mb = NB * (double) MIB / 1e6;
        List<Double> v = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            try (Queue<Object> q = new Queue<>(); Barrier b = new Barrier(2); Queue<Long> t = new Queue<>()) {
                v.add(NS / twoParty(new Process(IpcBench::queueProducer, q, b, NS, t),
                        new Process(IpcBench::queueConsumer, q, b, NS, t), t));
            }
        }
        emit("queue_small_int", "msgs/s", v, "1 producer proc -> 1 consumer proc, 200000 x q.put(int)");
        v.clear();
        for (int r = 0; r < runs; r++) {
            try (Queue<Object> q = new Queue<>(); Barrier b = new Barrier(2); Queue<Long> t = new Queue<>()) {
                v.add(mb / twoParty(new Process(IpcBench::queueProducer, q, b, -NB, t),
                        new Process(IpcBench::queueConsumer, q, b, NB, t), t));
            }
        }
        emit("queue_1MiB_bytes", "MB/s", v, "500 x q.put(1 MiB byte[]); MB = 1e6 bytes");
        v.clear();
        for (int r = 0; r < runs; r++) {
            try (SimpleQueue<Object> q = new SimpleQueue<>(); Barrier b = new Barrier(2);
                    Queue<Long> t = new Queue<>()) {
                v.add(NS / twoParty(new Process(IpcBench::simpleProducer, q, b, NS, t),
                        new Process(IpcBench::simpleConsumer, q, b, NS, t), t));
            }
        }
        emit("simplequeue_small_int", "msgs/s", v, "SimpleQueue, 200000 x put(int)");
        for (boolean duplex : new boolean[] {true, false}) {
            String tag = duplex ? "duplex" : "oneway";
            v.clear();
            for (int r = 0; r < runs; r++) {
                try (Pipe p = Pipe.open(duplex); Barrier b = new Barrier(2); Queue<Long> t = new Queue<>()) {
                    v.add(NS / twoParty(new Process(IpcBench::pipeProducer, p.conn2(), b, NS, t),
                            new Process(IpcBench::pipeConsumer, p.conn1(), b, NS, t), t));
                }
            }
            emit("pipe_" + tag + "_send_recv_int", "msgs/s", v, "Pipe(duplex=" + duplex + "): 200000 x send(int)/recv()");
            v.clear();
            for (int r = 0; r < runs; r++) {
                try (Pipe p = Pipe.open(duplex); Barrier b = new Barrier(2); Queue<Long> t = new Queue<>()) {
                    v.add(mb / twoParty(new Process(IpcBench::pipeProducer, p.conn2(), b, -NB, t),
                            new Process(IpcBench::pipeConsumer, p.conn1(), b, -NB, t), t));
                }
            }
            emit("pipe_" + tag + "_send_bytes_1MiB", "MB/s", v, "Pipe(duplex=" + duplex
                    + "): 500 x sendBytes(1 MiB)/recvBytes()");
        }
        int n = 2000 * runs;
        v.clear();
        try (Pipe p = Pipe.open()) {
            Process echo = new Process(IpcBench::pipeEcho, p.conn2(), n);
            echo.start();
            for (int i = 0; i < n; i++) {
                long t1 = System.nanoTime();
                p.conn1().send(null);
                p.conn1().recv();
                v.add((System.nanoTime() - t1) / 1e3);
            }
            echo.join();
        }
        emit("pipe_rtt_obj", "us", v, "send(null) + recv of a long[2] reply, child already running");
        v.clear();
        try (Queue<Object> in = new Queue<>(); Queue<Object> out = new Queue<>()) {
            Process echo = new Process(IpcBench::queueEcho, in, out, n);
            echo.start();
            for (int i = 0; i < n; i++) {
                long t1 = System.nanoTime();
                in.put(i);
                out.get();
                v.add((System.nanoTime() - t1) / 1e3);
            }
            echo.join();
        }
        emit("queue_rtt_int", "us", v, "Queue.put(int) -> child get/put -> parent get");
        v.clear();
        List<Integer> finals = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            try (IntValue value = Value.ofInt(0); Barrier b = new Barrier(2); Queue<long[]> t = new Queue<>()) {
                Process p1 = new Process(IpcBench::incrementLocked, value, b, 100_000, t);
                Process p2 = new Process(IpcBench::incrementLocked, value, b, 100_000, t);
                p1.start();
                p2.start();
                long[] a = t.get(WAIT);
                long[] c = t.get(WAIT);
                p1.join();
                p2.join();
                v.add((Math.max(a[1], c[1]) - Math.min(a[0], c[0])) / 1e6);
                finals.add(value.get());
            }
        }
        emit("value_i_locked_incr_2x100k", "ms", v, "2 procs x 100000 x locked v.set(v.get()+1); final counts "
                + finals);
    }

    private static void emit(String name, String unit, List<Double> values, String note) {
        double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        System.out.println(String.format(Locale.ROOT,
                "{\"name\": \"%s\", \"unit\": \"%s\", \"median\": %.3f, \"min\": %.3f, \"max\": %.3f, \"n\": %d,"
                        + " \"method\": \"jvm\", \"note\": \"%s\"}",
                name, unit, median, s[0], s[s.length - 1], s.length, note));
        Arrays.fill(s, 0);
    }
}

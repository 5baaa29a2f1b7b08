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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Queue, Pipe and Value figures between processes, with the metric names of bench_mp.py ({@code transport},
 * {@code value}, {@code pipe_rtt_obj}, {@code queue_rtt_int}).
 *
 * <p>Each metric runs in {@link Rounds}: the same producer and consumer processes (or echo child) repeat the
 * measurement, meeting at a barrier before each round, so that a steady figure is taken after warm-up rounds in
 * JVMs whose code has been compiled, and a cold figure is the first round in fresh JVMs (see {@link Steadiness}).
 * Timing is from the producer's first put to the consumer's last get ({@code System.nanoTime} is CLOCK_MONOTONIC
 * on Linux, the same clock in every process).
 */
final class IpcBench {
    private static final int NS = 200_000;
    private static final int NB = 500;
    private static final int MIB = 1 << 20;
    private static final double MB = NB * (double) MIB / 1e6;
    private static final Duration WAIT = Duration.ofMinutes(2);

    private IpcBench() {
    }

    /** The metrics of this class by name: unit, note, and how to measure them. */
    static Map<String, Metric> metrics() {
        Map<String, Metric> m = new LinkedHashMap<>();
        m.put("queue_small_int", new Metric("msgs/s", "1 producer proc -> 1 consumer proc, 200000 x q.put(int)",
                r -> rate(NS, twoParty(r, (q, b, t) -> new Process(IpcBench::queueProducer, q, b, spec(NS, r), t),
                        (q, b, t) -> new Process(IpcBench::queueConsumer, q, b, spec(NS, r), t), Queue::new))));
        m.put("queue_1MiB_bytes", new Metric("MB/s", "500 x q.put(1 MiB byte[]); MB = 1e6 bytes",
                r -> rate(MB, twoParty(r, (q, b, t) -> new Process(IpcBench::queueProducer, q, b, spec(-NB, r), t),
                        (q, b, t) -> new Process(IpcBench::queueConsumer, q, b, spec(NB, r), t), Queue::new))));
        m.put("simplequeue_small_int", new Metric("msgs/s", "SimpleQueue, 200000 x put(int)",
                r -> rate(NS, twoParty(r, (q, b, t) -> new Process(IpcBench::simpleProducer, q, b, spec(NS, r), t),
                        (q, b, t) -> new Process(IpcBench::simpleConsumer, q, b, spec(NS, r), t),
                        SimpleQueue::new))));
        for (boolean duplex : new boolean[] {true, false}) {
            String tag = duplex ? "duplex" : "oneway";
            m.put("pipe_" + tag + "_send_recv_int", new Metric("msgs/s",
                    "Pipe(duplex=" + duplex + "): 200000 x send(int)/recv()",
                    r -> rate(NS, twoParty(r, (p, b, t) -> new Process(IpcBench::pipeProducer, p.conn2(), b,
                            spec(NS, r), t), (p, b, t) -> new Process(IpcBench::pipeConsumer, p.conn1(), b,
                            spec(NS, r), t), () -> Pipe.open(duplex)))));
            m.put("pipe_" + tag + "_send_bytes_1MiB", new Metric("MB/s",
                    "Pipe(duplex=" + duplex + "): 500 x sendBytes(1 MiB)/recvBytes()",
                    r -> rate(MB, twoParty(r, (p, b, t) -> new Process(IpcBench::pipeProducer, p.conn2(), b,
                            spec(-NB, r), t), (p, b, t) -> new Process(IpcBench::pipeConsumer, p.conn1(), b,
                            spec(-NB, r), t), () -> Pipe.open(duplex)))));
        }
        m.put("pipe_rtt_obj", new Metric("us", "send(null) + recv of a long[2] reply, child already running",
                IpcBench::pipeRtt));
        m.put("queue_rtt_int", new Metric("us", "Queue.put(int) -> child get/put -> parent get",
                IpcBench::queueRtt));
        m.put("value_i_locked_incr_2x100k", new Metric("ms",
                "2 procs x 100000 x locked v.set(v.get()+1), from the barrier to the last finish",
                IpcBench::lockedIncrements));
        return m;
    }

    /** Item count (negative: that many 1 MiB byte arrays) and the number of rounds, as one argument. */
    private static int[] spec(int count, Rounds r) {
        return new int[] {count, r.total()};
    }

    private static List<Double> rate(double amount, List<Double> seconds) {
        List<Double> rates = new ArrayList<>();
        for (double s : seconds) {
            rates.add(amount / s);
        }
        return rates;
    }

    static void queueProducer(Queue<Object> q, Barrier b, int[] spec, Queue<Long> times) throws Exception {
        boolean bytes = spec[0] < 0;
        int n = Math.abs(spec[0]);
        byte[] payload = new byte[MIB];
        for (int r = 0; r < spec[1]; r++) {
            b.await(WAIT);
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                q.put(bytes ? payload : (Object) i);
            }
            times.put(t0);
        }
    }

    static void queueConsumer(Queue<Object> q, Barrier b, int[] spec, Queue<Long> times) throws Exception {
        for (int r = 0; r < spec[1]; r++) {
            b.await(WAIT);
            for (int i = 0; i < spec[0]; i++) {
                q.get();
            }
            times.put(System.nanoTime());
        }
    }

    static void simpleProducer(SimpleQueue<Object> q, Barrier b, int[] spec, Queue<Long> times) throws Exception {
        for (int r = 0; r < spec[1]; r++) {
            b.await(WAIT);
            long t0 = System.nanoTime();
            for (int i = 0; i < spec[0]; i++) {
                q.put(i);
            }
            times.put(t0);
        }
    }

    static void simpleConsumer(SimpleQueue<Object> q, Barrier b, int[] spec, Queue<Long> times) throws Exception {
        for (int r = 0; r < spec[1]; r++) {
            b.await(WAIT);
            for (int i = 0; i < spec[0]; i++) {
                q.get();
            }
            times.put(System.nanoTime());
        }
    }

    static void pipeProducer(Connection w, Barrier b, int[] spec, Queue<Long> times) throws Exception {
        boolean bytes = spec[0] < 0;
        int n = Math.abs(spec[0]);
        byte[] payload = new byte[MIB];
        for (int r = 0; r < spec[1]; r++) {
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
    }

    static void pipeConsumer(Connection r, Barrier b, int[] spec, Queue<Long> times) throws Exception {
        boolean bytes = spec[0] < 0;
        int n = Math.abs(spec[0]);
        for (int round = 0; round < spec[1]; round++) {
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

    static void incrementLocked(IntValue v, Barrier b, int[] spec, Queue<long[]> times) throws Exception {
        Lockable lock = v.getLock();
        for (int r = 0; r < spec[1]; r++) {
            b.await(WAIT);
            long t0 = System.nanoTime();
            for (int i = 0; i < spec[0]; i++) {
                lock.acquire();
                try {
                    v.set(v.get() + 1);
                } finally {
                    lock.release();
                }
            }
            times.put(new long[] {t0, System.nanoTime()});
        }
    }

    /** Makes one of the two processes of a measurement from the channel, the barrier and the times queue. */
    @FunctionalInterface
    private interface Party<C> {
        Process make(C channel, Barrier barrier, Queue<Long> times);
    }

    /** Opens the channel measured (a queue or a pipe). */
    @FunctionalInterface
    private interface Opener<C> {
        C open() throws Exception;
    }

    /**
     * Starts a producer and a consumer that repeat {@code r.total()} rounds; returns seconds from the producer's
     * start to the consumer's end of each measured round.
     */
    @SuppressWarnings("try") // the channel's close() declares Exception: this method throws Exception anyway
    private static <C extends AutoCloseable> List<Double> twoParty(Rounds r, Party<C> producer, Party<C> consumer,
            Opener<C> opener) throws Exception {
        List<Double> seconds = new ArrayList<>();
        try (C channel = opener.open(); Barrier b = new Barrier(2); Queue<Long> times = new Queue<>()) {
            Process p = producer.make(channel, b, times);
            Process c = consumer.make(channel, b, times);
            p.start();
            c.start();
            for (int round = 0; round < r.total(); round++) {
                long a = times.get(WAIT);
                long z = times.get(WAIT);
                if (r.isMeasured(round)) {
                    seconds.add((Math.max(a, z) - Math.min(a, z)) / 1e9);
                }
            }
            p.join();
            c.join();
        }
        return seconds;
    }

    /** Round trips: {@code r.warm()} rounds of {@code r.samples()} discarded, then {@code r.measured()} kept. */
    private static List<Double> pipeRtt(Rounds r) throws Exception {
        List<Double> us = new ArrayList<>();
        int n = r.total() * r.samples();
        try (Pipe p = Pipe.open()) {
            Process echo = new Process(IpcBench::pipeEcho, p.conn2(), n);
            echo.start();
            for (int i = 0; i < n; i++) {
                long t1 = System.nanoTime();
                p.conn1().send(null);
                p.conn1().recv();
                if (r.isMeasured(i / r.samples())) {
                    us.add((System.nanoTime() - t1) / 1e3);
                }
            }
            echo.join();
        }
        return us;
    }

    private static List<Double> queueRtt(Rounds r) throws Exception {
        List<Double> us = new ArrayList<>();
        int n = r.total() * r.samples();
        try (Queue<Object> in = new Queue<>(); Queue<Object> out = new Queue<>()) {
            Process echo = new Process(IpcBench::queueEcho, in, out, n);
            echo.start();
            for (int i = 0; i < n; i++) {
                long t1 = System.nanoTime();
                in.put(i);
                out.get();
                if (r.isMeasured(i / r.samples())) {
                    us.add((System.nanoTime() - t1) / 1e3);
                }
            }
            echo.join();
        }
        return us;
    }

    private static List<Double> lockedIncrements(Rounds r) throws Exception {
        List<Double> ms = new ArrayList<>();
        int n = 100_000;
        try (IntValue value = Value.ofInt(0); Barrier b = new Barrier(2); Queue<long[]> t = new Queue<>()) {
            Process p1 = new Process(IpcBench::incrementLocked, value, b, new int[] {n, r.total()}, t);
            Process p2 = new Process(IpcBench::incrementLocked, value, b, new int[] {n, r.total()}, t);
            p1.start();
            p2.start();
            for (int round = 0; round < r.total(); round++) {
                long[] a = t.get(WAIT);
                long[] c = t.get(WAIT);
                if (r.isMeasured(round)) {
                    ms.add((Math.max(a[1], c[1]) - Math.min(a[0], c[0])) / 1e6);
                }
            }
            p1.join();
            p2.join();
            if (value.get() != 2 * n * r.total()) {
                throw new IllegalStateException("the locked counter lost updates: " + value.get() + " != "
                        + 2 * n * r.total());
            }
        }
        return ms;
    }
}

package io.github.multiprocessing4j.bench;

import io.github.multiprocessing4j.pool.IMapIterator;
import io.github.multiprocessing4j.pool.MapOptions;
import io.github.multiprocessing4j.pool.Pool;
import io.github.multiprocessing4j.pool.ProcessPoolExecutor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The pool metrics of bench_mp.py ({@code bench_pool}, {@code bench_ppe}), measured the same way on this library,
 * with the same names. Each metric has a pool of its own, whose first {@code apply} (or {@code submit}) has
 * returned before its rounds begin: a cold figure is then the first round in fresh JVMs, a steady one comes after
 * warm-up rounds on the same pool (see {@link Steadiness}).
 */
final class PoolBench {
    private static final int N = 100_000;
    private static final int N1 = 20_000;

    private PoolBench() {
    }

    static int sq(int x) {
        return x * x;
    }

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    /** Times one round of a pool operation. */
    @FunctionalInterface
    private interface Round<P> {
        void run(P pool) throws Exception;
    }

    /** The metrics of this class by name. */
    static Map<String, Metric> metrics() {
        List<Integer> big = range(N);
        List<Integer> small = range(N1);
        Map<String, Metric> m = new LinkedHashMap<>();
        m.put("pool2_map_default_chunksize", new Metric("tasks/s",
                "Pool(2).map(x*x, 0..99999), default chunksize",
                r -> onPool(r, N, pool -> pool.map(PoolBench::sq, big))));
        m.put("pool2_map_chunksize1", new Metric("tasks/s", "Pool(2).map(x*x, 0..19999, chunksize=1)",
                r -> onPool(r, N1, pool -> pool.map(PoolBench::sq, small, 1))));
        m.put("pool2_imap_unordered_chunksize1", new Metric("tasks/s",
                "sum(Pool(2).imapUnordered(x*x, 0..19999))", r -> onPool(r, N1, pool -> {
                    long sum = 0;
                    try (IMapIterator<Integer> it = pool.imapUnordered(PoolBench::sq, small,
                            MapOptions.defaults())) {
                        while (it.hasNext()) {
                            sum += it.next();
                        }
                    }
                    if (sum <= 0) {
                        throw new IllegalStateException("wrong sum " + sum);
                    }
                })));
        m.put("pool2_apply_rtt_warm", new Metric("us", "pool.apply(x*x, i) on a Pool(2) whose workers are up",
                PoolBench::applyRtt));
        m.put("ppe2_submit_result_rtt_warm", new Metric("us",
                "ProcessPoolExecutor(2).submit(() -> x*x).get(); a capturing lambda, encoded per call",
                PoolBench::submitRtt));
        m.put("ppe2_map_default_chunksize1", new Metric("tasks/s", "ProcessPoolExecutor(2).map(x*x, 0..19999)",
                r -> onExecutor(r, N1, ex -> drain(ex.map(PoolBench::sq, small)))));
        m.put("ppe2_map_chunksize12500", new Metric("tasks/s",
                "ProcessPoolExecutor(2).map(x*x, 0..99999, chunksize=12500)",
                r -> onExecutor(r, N, ex -> drain(ex.map(PoolBench::sq, big, 12_500)))));
        return m;
    }

    private static void drain(IMapIterator<Integer> it) {
        try (it) {
            it.forEachRemaining(x -> { });
        }
    }

    /** Rounds of {@code round} on a fresh Pool(2); returns tasks per second of the measured ones. */
    private static List<Double> onPool(Rounds r, int tasks, Round<Pool> round) throws Exception {
        try (Pool pool = new Pool(2)) {
            pool.apply(PoolBench::sq, 0); // the workers are up
            return timed(r, tasks, () -> round.run(pool));
        }
    }

    private static List<Double> onExecutor(Rounds r, int tasks, Round<ProcessPoolExecutor> round) throws Exception {
        try (ProcessPoolExecutor ex = new ProcessPoolExecutor(2)) {
            ex.submit(() -> sq(0)).get(60, TimeUnit.SECONDS); // the workers are up
            return timed(r, tasks, () -> round.run(ex));
        }
    }

    /** One timed round. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    /** Runs {@code round} {@link Rounds#total()} times; returns tasks per second of the measured rounds. */
    static List<Double> timed(Rounds r, int tasks, Action round) throws Exception {
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < r.total(); i++) {
            long t0 = System.nanoTime();
            round.run();
            if (r.isMeasured(i)) {
                rates.add(tasks / ((System.nanoTime() - t0) / 1e9));
            }
        }
        return rates;
    }

    private static List<Double> applyRtt(Rounds r) throws Exception {
        List<Double> us = new ArrayList<>();
        try (Pool pool = new Pool(2)) {
            pool.apply(PoolBench::sq, 0);
            for (int i = 0; i < r.total() * r.samples(); i++) {
                long t0 = System.nanoTime();
                pool.apply(PoolBench::sq, i);
                if (r.isMeasured(i / r.samples())) {
                    us.add((System.nanoTime() - t0) / 1e3);
                }
            }
        }
        return us;
    }

    private static List<Double> submitRtt(Rounds r) throws Exception {
        List<Double> us = new ArrayList<>();
        try (ProcessPoolExecutor ex = new ProcessPoolExecutor(2)) {
            ex.submit(() -> sq(0)).get(60, TimeUnit.SECONDS);
            for (int i = 0; i < r.total() * r.samples(); i++) {
                int n = i;
                long t0 = System.nanoTime();
                ex.submit(() -> sq(n)).get(60, TimeUnit.SECONDS);
                if (r.isMeasured(i / r.samples())) {
                    us.add((System.nanoTime() - t0) / 1e3);
                }
            }
        }
        return us;
    }

    /** {@code new Pool(2)} until its first {@code apply()} returns, {@code runs} times in this JVM. */
    static void createToFirstResult(int runs) throws Exception {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            try (Pool pool = new Pool(2)) {
                pool.apply(PoolBench::sq, 1);
                ms.add((System.nanoTime() - t0) / 1e6);
            }
        }
        Json.emit("pool2_create_to_first_result", "ms", ms, "jvm", "new Pool(2) + first apply() returns");
    }
}

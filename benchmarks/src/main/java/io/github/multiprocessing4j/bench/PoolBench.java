package io.github.multiprocessing4j.bench;

import io.github.multiprocessing4j.pool.IMapIterator;
import io.github.multiprocessing4j.pool.MapOptions;
import io.github.multiprocessing4j.pool.Pool;
import io.github.multiprocessing4j.pool.ProcessPoolExecutor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The pool metrics of ../shared/bench/python/bench_mp.py ({@code bench_pool}, {@code bench_ppe}), measured the same
 * way on this library, printed as JSON lines with the same names. Run:
 * {@code java -cp core/target/classes:benchmarks/target/classes io.github.multiprocessing4j.bench.PoolBench}.
 */
public final class PoolBench {
    private PoolBench() {
    }

    static int sq(int x) {
        return x * x;
    }

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    static void emit(String name, String unit, List<Double> values, String note) {
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        int n = s.size();
        double median = n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
        System.out.println(String.format(Locale.ROOT,
                "{\"name\": \"%s\", \"unit\": \"%s\", \"median\": %.3f, \"min\": %.3f, \"max\": %.3f, \"n\": %d,"
                        + " \"method\": \"jvm\", \"note\": \"%s\"}",
                name, unit, median, s.get(0), s.get(n - 1), n, note));
    }

    static void applyRtt(Pool pool) throws InterruptedException {
        List<Double> lat = new ArrayList<>();
        for (int i = 0; i < 20_000 + 2000; i++) {
            long t0 = System.nanoTime();
            pool.apply(PoolBench::sq, i);
            if (i >= 20_000) {
                lat.add((System.nanoTime() - t0) / 1e3);
            }
        }
        emit("pool2_apply_rtt_warm", "us", lat, "pool.apply(x*x, i) on a warm Pool(2), after 20000 warm-up calls");
    }

    /**
     * Runs the pool benchmarks (argument {@code rtt}: only pool2_apply_rtt_warm).
     *
     * @param args optional: number of repetitions of the throughput runs (default 3)
     * @throws Exception when a task fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("rtt")) {
            try (Pool pool = new Pool(2)) {
                applyRtt(pool);
            }
            return;
        }
        if (args.length > 0 && args[0].equals("map1")) {
            try (Pool pool = new Pool(2)) {
                List<Integer> small = range(20_000);
                for (int r = 0; r < 6; r++) {
                    long t0 = System.nanoTime();
                    pool.map(PoolBench::sq, small, 1);
                    System.out.printf(Locale.ROOT, "map chunksize 1: %.0f tasks/s%n",
                            20_000 / ((System.nanoTime() - t0) / 1e9));
                }
            }
            return;
        }
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<Double> cold = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            Pool pool = new Pool(2);
            pool.apply(PoolBench::sq, 1);
            cold.add((System.nanoTime() - t0) / 1e6);
            pool.close();
        }
        emit("pool2_create_to_first_result", "ms", cold, "new Pool(2) + first apply() returns");
        try (Pool pool = new Pool(2)) {
            pool.map(PoolBench::sq, range(1000));
            List<Integer> big = range(100_000);
            List<Integer> small = range(20_000);
            for (int w = 0; w < 3; w++) {
                pool.map(PoolBench::sq, big);
                pool.map(PoolBench::sq, small, 1);
            }
            List<Double> tput = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                pool.map(PoolBench::sq, big);
                tput.add(100_000 / ((System.nanoTime() - t0) / 1e9));
            }
            emit("pool2_map_default_chunksize", "tasks/s", tput, "Pool(2).map(x*x, 0..99999), default chunksize");
            tput = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                pool.map(PoolBench::sq, small, 1);
                tput.add(20_000 / ((System.nanoTime() - t0) / 1e9));
            }
            emit("pool2_map_chunksize1", "tasks/s", tput, "Pool(2).map(x*x, 0..19999, chunksize=1)");
            tput = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                long sum = 0;
                try (IMapIterator<Integer> it = pool.imapUnordered(PoolBench::sq, small, MapOptions.defaults())) {
                    while (it.hasNext()) {
                        sum += it.next();
                    }
                }
                tput.add(20_000 / ((System.nanoTime() - t0) / 1e9));
            }
            emit("pool2_imap_unordered_chunksize1", "tasks/s", tput, "sum(Pool(2).imapUnordered(x*x, 0..19999))");
            applyRtt(pool);
        }
        try (ProcessPoolExecutor ex = new ProcessPoolExecutor(2)) {
            for (int i = 0; i < 20_000; i++) {
                int n = i;
                ex.submit(() -> sq(n)).get(30, TimeUnit.SECONDS);
            }
            List<Double> lat = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                int n = i;
                long t0 = System.nanoTime();
                ex.submit(() -> sq(n)).get(30, TimeUnit.SECONDS);
                lat.add((System.nanoTime() - t0) / 1e3);
            }
            emit("ppe2_submit_result_rtt_warm", "us", lat,
                    "ProcessPoolExecutor(2).submit(() -> x*x).get(); a capturing lambda, encoded per call");
            List<Integer> small = range(20_000);
            List<Double> tput = new ArrayList<>();
            for (int r = 0; r < runs + 1; r++) {
                long t0 = System.nanoTime();
                try (IMapIterator<Integer> it = ex.map(PoolBench::sq, small)) {
                    it.forEachRemaining(x -> { });
                }
                if (r > 0) {
                    tput.add(20_000 / ((System.nanoTime() - t0) / 1e9));
                }
            }
            emit("ppe2_map_default_chunksize1", "tasks/s", tput, "ProcessPoolExecutor(2).map(x*x, 0..19999)");
        }
    }
}

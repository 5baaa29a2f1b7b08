package io.github.multiprocessing4j.bench;

import io.github.multiprocessing4j.cluster.ClusterPool;
import io.github.multiprocessing4j.cluster.LocalCluster;
import io.github.multiprocessing4j.pool.Pool;
import io.github.multiprocessing4j.pool.TaskPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The "cluster" section (Java only; bench_mp.py has no counterpart): the module {@code multiprocessing4j-cluster}
 * on nodes started by {@link LocalCluster} on this machine, against the local {@link Pool} of the same worker count.
 * <ul>
 *   <li>{@code cluster_apply_rtt_warm}: {@code ClusterPool.apply(x*x, i)} through a node whose worker is up (us);</li>
 *   <li>{@code cluster3_map_default_chunksize} / {@code pool3_map_default_chunksize}: {@code map(x*x)} over
 *       100,000 ints on 3 nodes of 1 worker JVM each, and on a local {@code Pool(3)} (tasks/s);</li>
 *   <li>{@code cluster_node_start_to_ready}: {@code LocalCluster.start(1)} until it returns, the node joined (ms);</li>
 *   <li>{@code cluster_node_rss_VmRSS} / {@code cluster_node_peak_rss_VmHWM}: a node JVM after its first task,
 *       read from {@code /proc/<pid>/status} (the node alone, not its worker JVM) (MiB).</li>
 * </ul>
 * Rounds as {@link Rounds#steady(double)} for the round trip; fewer for the maps (2 warm-up + 3 measured at scale
 * 1: a cluster map of 100,000 inputs takes seconds); warm-up rounds first, then measured ones, on the same pool.
 */
final class ClusterBench {
    private static final int N = 100_000;
    private static final int NODES = 3;
    /** Hazelcast's client logs at INFO by default: only its warnings on stderr (kept: the logger is weak). */
    private static final Logger HAZELCAST = Logger.getLogger("com.hazelcast");

    private ClusterBench() {
    }

    static void run(double scale) throws Exception {
        HAZELCAST.setLevel(Level.WARNING);
        Rounds r = Rounds.steady(scale);
        Rounds mapRounds = new Rounds(Math.max(1, (int) (2 * scale)), Math.max(3, (int) (3 * scale)), r.samples());
        List<Integer> inputs = PoolBench.range(Math.max(1000, (int) (N * Math.min(1.0, scale))));
        String size = String.format(Locale.ROOT, "0..%d", inputs.size() - 1);
        try (LocalCluster cluster = LocalCluster.start(NODES);
             ClusterPool pool = ClusterPool.builder().cluster(cluster).build()) {
            pool.apply(PoolBench::sq, 0); // a worker is up
            List<Double> us = new ArrayList<>();
            for (int i = 0; i < r.total() * r.samples(); i++) {
                long t0 = System.nanoTime();
                pool.apply(PoolBench::sq, i);
                if (r.isMeasured(i / r.samples())) {
                    us.add((System.nanoTime() - t0) / 1e3);
                }
            }
            Json.emit("cluster_apply_rtt_warm", "us", us, "cluster", "ClusterPool.apply(x*x, i) on a LocalCluster"
                    + " of " + NODES + " nodes x 1 worker JVM, round trip through a node; "
                    + rounds(r, true));
            List<Double> rates = mapRates(mapRounds, inputs, pool);
            Json.emit("cluster3_map_default_chunksize", "tasks/s", rates, "cluster", "ClusterPool.map(x*x, "
                    + size + "), default chunksize, LocalCluster of " + NODES + " nodes x 1 worker JVM; "
                    + rounds(mapRounds, false));
        }
        try (Pool pool = new Pool(NODES)) {
            pool.apply(PoolBench::sq, 0);
            List<Double> rates = mapRates(mapRounds, inputs, pool);
            Json.emit("pool3_map_default_chunksize", "tasks/s", rates, "jvm", "Pool(" + NODES + ").map(x*x, "
                    + size + "), default chunksize: the same worker count as cluster3_map_default_chunksize; "
                    + rounds(mapRounds, false));
        }
        startAndMemory(Math.max(1, (int) (3 * scale)));
    }

    /** {@code LocalCluster.start(1)} until ready, then the node's memory after its first task. */
    private static void startAndMemory(int runs) throws Exception {
        List<Double> ms = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        List<Double> hwm = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            try (LocalCluster cluster = LocalCluster.start(1)) {
                ms.add((System.nanoTime() - t0) / 1e6);
                try (ClusterPool pool = ClusterPool.builder().cluster(cluster).build()) {
                    pool.apply(PoolBench::sq, 1);
                    long pid = cluster.nodes().get(0).pid();
                    rss.add(statusKb(pid, "VmRSS") / 1024.0);
                    hwm.add(statusKb(pid, "VmHWM") / 1024.0);
                }
            }
        }
        Json.emit("cluster_node_start_to_ready", "ms", ms, "cluster",
                "LocalCluster.start(1) until it returns: node JVM up, Hazelcast member joined, seen by a client");
        Json.emit("cluster_node_rss_VmRSS", "MiB", rss, "cluster",
                "a node JVM after its first task, /proc/<pid>/status VmRSS (the node alone, not its worker JVM)");
        Json.emit("cluster_node_peak_rss_VmHWM", "MiB", hwm, "cluster",
                "a node JVM after its first task, /proc/<pid>/status VmHWM (the node alone, not its worker JVM)");
    }

    private static long statusKb(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException("no " + field + " in /proc/" + pid + "/status (is this Linux?)");
    }

    /** The same rounds on either pool, written once against {@link TaskPool}. */
    private static List<Double> mapRates(Rounds r, List<Integer> inputs, TaskPool pool) throws Exception {
        return PoolBench.timed(r, inputs.size(), () -> check(pool.map(PoolBench::sq, inputs), inputs));
    }

    private static void check(List<Integer> results, List<Integer> inputs) {
        if (results.size() != inputs.size() || results.get(results.size() - 1) != PoolBench.sq(inputs.size() - 1)) {
            throw new IllegalStateException("wrong map results: " + results.size() + " of " + inputs.size());
        }
    }

    private static String rounds(Rounds r, boolean latency) {
        return String.format(Locale.ROOT, "steady: %d warm-up + %d measured rounds%s", r.warm(), r.measured(),
                latency ? " of " + r.samples() + " round trips" : "");
    }
}

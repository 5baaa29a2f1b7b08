package io.github.multiprocessing4j.bench;

import io.github.multiprocessing4j.StartMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Java side of the side-by-side benchmark: prints JSON lines with the metric names of bench_mp.py (the copy
 * in this directory). Options: {@code --only start,rss,baseline,pool,ppe,clock,transport,value,cluster}
 * ({@code cluster}: Java only, run only when named, see {@link ClusterBench}), {@code --scale X},
 * {@code --quick} (same as {@code --scale 0.2}), {@code --methods spawn,warm}, {@code --no-cold} (steady figures
 * only), {@code --no-prime} (measure whether or not the children's class-data archive exists, see
 * {@link ArchivePrimer}). Every IPC and pool metric is printed twice: steady under its own name, cold with
 * {@code _cold} (see
 * {@link Steadiness}). The first line ({@code env}) says the JDK, the core count and the load average; a machine
 * busier than its core count is warned about on stderr and marked {@code "busy": true}.
 */
public final class BenchJava {
    static final List<String> SECTIONS = List.of("start", "rss", "baseline", "pool", "ppe", "clock", "transport",
            "value", "cluster");

    private BenchJava() {
    }

    /** The IPC and pool metrics by section, as bench_mp.py groups them. */
    static Map<String, Map<String, Metric>> metricsBySection() {
        Map<String, Metric> ipc = IpcBench.metrics();
        Map<String, Metric> pool = PoolBench.metrics();
        Map<String, Map<String, Metric>> sections = new LinkedHashMap<>();
        sections.put("clock", pick(ipc, "pipe_rtt_obj", "queue_rtt_int"));
        sections.put("transport", pick(ipc, "queue_small_int", "queue_1MiB_bytes", "simplequeue_small_int",
                "pipe_duplex_send_recv_int", "pipe_duplex_send_bytes_1MiB", "pipe_oneway_send_recv_int",
                "pipe_oneway_send_bytes_1MiB"));
        sections.put("value", pick(ipc, "value_i_locked_incr_2x100k"));
        sections.put("pool", pick(pool, "pool2_map_default_chunksize", "pool2_map_chunksize1",
                "pool2_imap_unordered_chunksize1", "pool2_apply_rtt_warm"));
        sections.put("ppe", pick(pool, "ppe2_submit_result_rtt_warm", "ppe2_map_default_chunksize1",
                "ppe2_map_chunksize12500"));
        return sections;
    }

    private static Map<String, Metric> pick(Map<String, Metric> all, String... names) {
        Map<String, Metric> m = new LinkedHashMap<>();
        for (String n : names) {
            m.put(n, all.get(n));
        }
        return m;
    }

    public static void main(String[] args) throws Exception {
        double scale = 1.0;
        boolean cold = true;
        String coldOne = null;
        boolean prime = true;
        Set<String> only = new TreeSet<>(SECTIONS);
        only.remove("cluster"); // minutes of its own, and no Python counterpart: only when named
        List<StartMethod> methods = List.of(StartMethod.SPAWN, StartMethod.WARM);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scale":
                    scale = Double.parseDouble(args[++i]);
                    break;
                case "--quick":
                    scale = 0.2;
                    break;
                case "--no-cold":
                    cold = false;
                    break;
                case "--cold-one":
                    coldOne = args[++i];
                    break;
                case "--prime-archive":
                    ArchivePrimer.prime();
                    return;
                case "--no-prime":
                    prime = false;
                    break;
                case "--methods":
                    methods = new ArrayList<>();
                    for (String m : args[++i].split(",")) {
                        methods.add(StartMethod.valueOf(m.toUpperCase(Locale.ROOT)));
                    }
                    break;
                case "--only":
                    only = new TreeSet<>(Arrays.asList(args[++i].split(",")));
                    break;
                default:
                    throw new IllegalArgumentException("unknown option: " + args[i] + " (use --only "
                            + String.join(",", SECTIONS) + ", --methods spawn,warm, --scale X, --quick, --no-cold,"
                            + " --no-prime)");
            }
        }
        Map<String, Map<String, Metric>> sections = metricsBySection();
        if (coldOne != null) {
            for (Map<String, Metric> metrics : sections.values()) {
                if (metrics.containsKey(coldOne)) {
                    Steadiness.coldOne(coldOne, metrics.get(coldOne), scale);
                    return;
                }
            }
            throw new IllegalArgumentException("no IPC or pool metric named " + coldOne);
        }
        Set<String> unknown = new TreeSet<>(only);
        unknown.removeAll(SECTIONS);
        if (prime) {
            ArchivePrimer.inFreshJvm(); // before anything is measured, the load average included
        }
        long t0 = System.nanoTime();
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("name", "env");
        env.put("java", System.getProperty("java.version"));
        env.put("vm", System.getProperty("java.vm.name"));
        env.put("java_home", System.getProperty("java.home"));
        env.put("cpu_count", Runtime.getRuntime().availableProcessors());
        env.put("loadavg_start", MachineLoad.loadAverage());
        env.put("busy", MachineLoad.warnIfBusy("at the start"));
        env.put("argv", String.join(" ", args));
        env.put("sections_not_measured_by_java", String.join(",", unknown));
        Json.emitObject(env);
        Path dir = Files.createTempDirectory("mp4j-bench");
        try {
            for (StartMethod m : methods) {
                StartBench start = new StartBench(scale, dir, m);
                if (only.contains("start")) {
                    start.start();
                }
                if (only.contains("rss")) {
                    start.rss();
                }
            }
            if (only.contains("baseline")) {
                new StartBench(scale, dir, StartMethod.SPAWN).baseline();
            }
            if (only.contains("pool")) {
                PoolBench.createToFirstResult(Math.max(1, (int) (3 * scale)));
            }
            if (only.contains("cluster")) {
                ClusterBench.run(scale); // Java only: no cold figures, bench_mp.py has no such section
            }
            int coldRuns = Math.max(1, (int) (3 * scale));
            for (Map.Entry<String, Map<String, Metric>> section : sections.entrySet()) {
                if (!only.contains(section.getKey())) {
                    continue;
                }
                for (Map.Entry<String, Metric> metric : section.getValue().entrySet()) {
                    Steadiness.steady(metric.getKey(), metric.getValue(), scale);
                    if (cold) {
                        Steadiness.cold(metric.getKey(), metric.getValue(), scale, coldRuns);
                    }
                }
            }
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.delete(dir);
        }
        Map<String, Object> end = new LinkedHashMap<>();
        end.put("name", "total_runtime");
        end.put("unit", "s");
        end.put("median", (System.nanoTime() - t0) / 1e9);
        end.put("loadavg_end", MachineLoad.loadAverage());
        end.put("busy", MachineLoad.warnIfBusy("at the end"));
        Json.emitObject(end);
    }
}

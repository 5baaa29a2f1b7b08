package io.github.multiprocessing4j.bench;

import io.github.multiprocessing4j.StartMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Java side of the side-by-side benchmark: prints JSON lines with the metric names of
 * ../shared/bench/python/bench_mp.py. Options: {@code --only start,rss,baseline,pool,ppe,clock,transport,value}, {@code --scale X},
 * {@code --quick} (same as {@code --scale 0.2}).
 */
public final class BenchJava {
    static final List<String> SECTIONS = List.of("start", "rss", "baseline", "pool", "ppe", "clock", "transport",
            "value");

    private BenchJava() {
    }

    public static void main(String[] args) throws Exception {
        double scale = 1.0;
        Set<String> only = new TreeSet<>(SECTIONS);
        List<StartMethod> methods = List.of(StartMethod.SPAWN, StartMethod.WARM);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scale":
                    scale = Double.parseDouble(args[++i]);
                    break;
                case "--quick":
                    scale = 0.2;
                    break;
                case "--methods":
                    methods = new java.util.ArrayList<>();
                    for (String m : args[++i].split(",")) {
                        methods.add(StartMethod.valueOf(m.toUpperCase(java.util.Locale.ROOT)));
                    }
                    break;
                case "--only":
                    only = new TreeSet<>(Arrays.asList(args[++i].split(",")));
                    break;
                default:
                    throw new IllegalArgumentException("unknown option: " + args[i]
                            + " (use --only " + String.join(",", SECTIONS) + ", --methods spawn,warm, --scale X, --quick)");
            }
        }
        Set<String> unknown = new TreeSet<>(only);
        unknown.removeAll(SECTIONS);
        long t0 = System.nanoTime();
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("name", "env");
        env.put("java", System.getProperty("java.version"));
        env.put("vm", System.getProperty("java.vm.name"));
        env.put("java_home", System.getProperty("java.home"));
        env.put("cpu_count", Runtime.getRuntime().availableProcessors());
        env.put("loadavg_start", Files.readString(Path.of("/proc/loadavg")).trim());
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
            if (only.contains("clock") || only.contains("transport") || only.contains("value")) {
                // one run measures all three sections' metrics
                IpcBench.main(new String[] {Integer.toString(Math.max(3, (int) (5 * scale)))});
            }
            if (only.contains("pool") || only.contains("ppe")) {
                PoolBench.main(new String[] {Integer.toString(Math.max(3, (int) (5 * scale)))});
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
        end.put("loadavg_end", Files.readString(Path.of("/proc/loadavg")).trim());
        Json.emitObject(end);
    }
}

package io.github.multiprocessing4j.bench;

import io.github.multiprocessing4j.Multiprocessing;
import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.StartMethod;
import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The "start" and "rss" sections of bench_mp.py for Java, plus the plain-JVM baseline. */
final class StartBench {
    private final double scale;
    private final Path dir;
    private final String method;

    private final StartMethod startMethod;

    StartBench(double scale, Path dir, StartMethod startMethod) {
        this.scale = scale;
        this.dir = dir;
        this.startMethod = startMethod;
        this.method = startMethod == StartMethod.SPAWN ? "spawn" : "warm";
    }

    private Process process(Process p) {
        return p.startMethod(startMethod);
    }

    void start() throws Exception {
        int runs = Math.max(5, (int) (30 * scale));
        List<Double> latency = new ArrayList<>();
        List<Double> returns = new ArrayList<>();
        Double cold = null;
        for (int i = 0; i < runs + 3; i++) {
            Path file = dir.resolve("stamp-" + i);
            Process p = process(new Process(Targets::stamp, file.toString()));
            long t0 = System.nanoTime();
            p.start();
            long t1 = System.nanoTime();
            p.join();
            long tc = Long.parseLong(Files.readString(file));
            Files.delete(file);
            if (i == 0) {
                cold = (tc - t0) / 1e6;
            } else if (i >= 3) {
                latency.add((tc - t0) / 1e6);
                returns.add((t1 - t0) / 1e6);
            }
        }
        Json.emit("start_latency_cold_first", "ms", List.of(cold), method,
                "first Process in this JVM (includes loading the library in the parent)");
        Json.emit("start_latency", "ms", latency, method, "p.start() call -> first statement of target (nanoTime)");
        Json.emit("start_call_returns", "ms", returns, method, "duration of the p.start() call itself");

        if (startMethod == StartMethod.WARM) {
            paced(runs);
        }

        List<Double> roundTrip = new ArrayList<>();
        for (int i = 0; i < runs + 2; i++) {
            Process p = process(new Process(Targets::empty));
            long t0 = System.nanoTime();
            p.start();
            p.join();
            if (i >= 2) {
                roundTrip.add((System.nanoTime() - t0) / 1e6);
            }
        }
        Json.emit("start_join_empty", "ms", roundTrip, method, "start()+join() of empty target");

        int runs8 = Math.max(3, (int) (10 * scale));
        List<Double> total = new ArrayList<>();
        for (int i = 0; i < runs8 + 1; i++) {
            double ms = startAndJoinEight();
            if (i >= 1) {
                total.add(ms);
            }
        }
        Json.emit("start_join_8_concurrent", "ms", total, method, "start 8 empty processes, then join all (wall)");
        if (startMethod == StartMethod.WARM) {
            prestarted8(runs8);
        }
    }

    /** Starts eight empty processes, then joins them all: the wall time in ms from the first start. */
    private double startAndJoinEight() throws Exception {
        List<Process> ps = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            ps.add(process(new Process(Targets::empty)));
        }
        long t0 = System.nanoTime();
        for (Process p : ps) {
            p.start();
        }
        for (Process p : ps) {
            p.join();
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    /**
     * Not in bench_mp.py: eight processes started together after {@code Multiprocessing.prestart(8)} has had their
     * JVMs booted, as a program that knows it will start eight does (Python's forkserver has its server up before
     * the first start too).
     */
    private void prestarted8(int runs8) throws Exception {
        List<Double> total = new ArrayList<>();
        for (int i = 0; i < runs8; i++) {
            Multiprocessing.prestart(8);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (JvmRuntime.get().snapshot().readySpares().size() < 8 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            total.add(startAndJoinEight());
        }
        Json.emit("start_join_8_concurrent_prestarted", "ms", total, method,
                "prestart(8), wait until the 8 spares are ready, then start 8 empty processes and join all (wall;"
                        + " not in bench_mp.py)");
    }

    /**
     * Not in bench_mp.py: the same start latency when processes come at a pace the spares can keep up with (a
     * pause of 300 ms before each start), which shows the hand-off itself. In a tight start/join loop each
     * process still costs a JVM start in CPU (about 35 ms), which two cores can only do so fast.
     */
    private void paced(int runs) throws Exception {
        List<Double> latency = new ArrayList<>();
        List<Double> roundTrip = new ArrayList<>();
        for (int i = 0; i < Math.max(5, runs / 3); i++) {
            Path file = dir.resolve("paced-" + i);
            Process p = process(new Process(Targets::stamp, file.toString()));
            Thread.sleep(300);
            long t0 = System.nanoTime();
            p.start();
            p.join();
            long t1 = System.nanoTime();
            long tc = Long.parseLong(Files.readString(file));
            Files.delete(file);
            latency.add((tc - t0) / 1e6);
            roundTrip.add((t1 - t0) / 1e6);
        }
        Json.emit("start_latency_paced", "ms", latency, method,
                "start() -> first statement, 300 ms between starts (not in bench_mp.py)");
        Json.emit("start_join_paced", "ms", roundTrip, method,
                "start()+join() of a target that stamps the time, 300 ms between starts (not in bench_mp.py)");
    }

    void rss() throws Exception {
        int runs = Math.max(3, (int) (5 * scale));
        List<Double> hwm = new ArrayList<>();
        List<Double> pss = new ArrayList<>();
        List<Double> uss = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Path file = dir.resolve("rss-" + i);
            Process p = process(new Process(Targets::rss, file.toString()));
            p.start();
            p.join();
            String[] kb = Files.readString(file).split(" ");
            Files.delete(file);
            hwm.add(Long.parseLong(kb[0]) / 1024.0);
            pss.add(Long.parseLong(kb[1]) / 1024.0);
            uss.add(Long.parseLong(kb[2]) / 1024.0);
        }
        Json.emit("child_peak_rss_VmHWM", "MiB", hwm, method, "trivial child, /proc/self/status VmHWM inside child");
        Json.emit("child_pss", "MiB", pss, method, "proportional set size");
        Json.emit("child_uss_private", "MiB", uss, method, "Private_Clean+Private_Dirty from smaps_rollup");
    }

    /** {@code java -cp DIR Hello} started with ProcessBuilder: the floor a child JVM cannot beat. */
    void baseline() throws Exception {
        int runs = Math.max(5, (int) (30 * scale));
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(Hello.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        List<Double> latency = new ArrayList<>();
        if (startMethod == StartMethod.WARM) {
            paced(runs);
        }

        List<Double> roundTrip = new ArrayList<>();
        for (int i = 0; i < runs + 2; i++) {
            Path file = dir.resolve("hello-" + i);
            long t0 = System.nanoTime();
            java.lang.Process p = new ProcessBuilder(java, "-cp", classes, Hello.class.getName(), file.toString())
                    .inheritIO().start();
            p.waitFor(60, TimeUnit.SECONDS);
            long t1 = System.nanoTime();
            long tc = Long.parseLong(Files.readString(file));
            Files.delete(file);
            if (i >= 2) {
                latency.add((tc - t0) / 1e6);
                roundTrip.add((t1 - t0) / 1e6);
            }
        }
        Json.emit("start_latency", "ms", latency, "plain-java", "java -cp DIR Hello: start() -> main's first line");
        Json.emit("start_join_empty", "ms", roundTrip, "plain-java", "java -cp DIR Hello: start() -> exit");
        int runs8 = Math.max(3, (int) (10 * scale));
        List<Double> total = new ArrayList<>();
        for (int i = 0; i < runs8 + 1; i++) {
            long t0 = System.nanoTime();
            List<java.lang.Process> ps = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                ps.add(new ProcessBuilder(java, "-cp", classes, Hello.class.getName()).inheritIO().start());
            }
            for (java.lang.Process p : ps) {
                p.waitFor(60, TimeUnit.SECONDS);
            }
            if (i >= 1) {
                total.add((System.nanoTime() - t0) / 1e6);
            }
        }
        Json.emit("start_join_8_concurrent", "ms", total, "plain-java", "8 x java -cp DIR Hello, then wait for all");
    }
}

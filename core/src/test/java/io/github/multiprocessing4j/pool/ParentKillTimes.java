package io.github.multiprocessing4j.pool;

import io.github.multiprocessing4j.internal.spawn.InheritedJvm;
import io.github.multiprocessing4j.internal.watch.Liveness;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Measures how long the children of a SIGKILLed {@link PoolFamilyMain} outlive it. {@link PoolParentDeathTest}
 * runs it once; its {@code main} runs it {@code args[0]} times and prints the p50 and p95 per kind of child (by
 * hand: {@code java -cp <test class path> io.github.multiprocessing4j.pool.ParentKillTimes 20}).
 */
public final class ParentKillTimes {
    /** How long to watch the children after the kill. */
    static final long LIMIT_MILLIS = 5_000;

    private ParentKillTimes() {
    }

    /** What one kill showed. */
    record Run(Map<String, Long> pids, Map<String, Long> goneMillis, long nonDaemon) {
    }

    /**
     * Starts the fixture, waits for its children, SIGKILLs it and times each child's end: the milliseconds after
     * the kill at which it was seen gone, or -1 if it was not gone within {@link #LIMIT_MILLIS}. The non-daemon
     * child outlives its parent by design; it is killed afterwards.
     */
    static Run measureOnce() throws Exception {
        String classPath = InheritedJvm.classPath(List.of(PoolFamilyMain.class.getClassLoader()));
        java.lang.Process owner = new ProcessBuilder(InheritedJvm.javaBinary().toString(), "-cp", classPath,
                PoolFamilyMain.class.getName()).redirectErrorStream(true).start();
        Map<String, Long> pids = new LinkedHashMap<>();
        long nonDaemon = -1;
        try {
            pids = CompletableFuture.supplyAsync(() -> readPids(owner)).get(60, TimeUnit.SECONDS);
            nonDaemon = pids.remove("nondaemon");
        } finally {
            owner.destroyForcibly(); // SIGKILL: no shutdown hook runs in the owner
        }
        long killed = System.nanoTime();
        Map<String, Long> gone = new LinkedHashMap<>();
        Map<String, Long> starts = new LinkedHashMap<>();
        pids.forEach((kind, pid) -> starts.put(kind, Liveness.startTime(pid)));
        while (gone.size() < pids.size() && System.nanoTime() - killed < LIMIT_MILLIS * 1_000_000) {
            for (Map.Entry<String, Long> child : pids.entrySet()) {
                if (!gone.containsKey(child.getKey()) && !Liveness.isAlive(child.getValue(), starts.get(child.getKey()))) {
                    gone.put(child.getKey(), (System.nanoTime() - killed) / 1_000_000);
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // 1 ms resolution, no core spent
        }
        for (String kind : pids.keySet()) {
            gone.putIfAbsent(kind, -1L);
        }
        owner.waitFor(30, TimeUnit.SECONDS);
        owner.getInputStream().close();
        owner.getOutputStream().close();
        if (nonDaemon > 0) {
            ProcessHandle.of(nonDaemon).ifPresent(ProcessHandle::destroyForcibly);
        }
        return new Run(pids, gone, nonDaemon);
    }

    /** Reads the fixture's lines until it printed its spares: kind to pid, the workers as idle and busy. */
    private static Map<String, Long> readPids(java.lang.Process owner) {
        Map<String, Long> pids = new LinkedHashMap<>();
        List<Long> ready = new ArrayList<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8));
        try {
            boolean spares = false;
            String line;
            while ((!spares || ready.size() < 2 || !pids.keySet().containsAll(List.of("busy", "daemon", "nondaemon"))) && (line = out.readLine()) != null) {
                String[] words = line.split(" ");
                if (words[0].equals("ready")) {
                    ready.add(Long.parseLong(words[1]));
                } else if (words[0].equals("busy") || words[0].equals("daemon") || words[0].equals("nondaemon")) {
                    pids.put(words[0], Long.parseLong(words[1]));
                } else if (words[0].equals("spares")) {
                    spares = true;
                    for (int i = 1; i < words.length; i++) {
                        pids.put("spare" + i, Long.parseLong(words[i]));
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (long pid : ready) {
            if (pid != pids.get("busy")) {
                pids.put("idle", pid);
            }
        }
        return pids;
    }

    /**
     * Runs {@code args[0]} kills and prints the p50 and p95 per kind of child.
     *
     * @param args the number of runs
     * @throws Exception when a run fails
     */
    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        Map<String, List<Long>> times = new LinkedHashMap<>();
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Run run = measureOnce();
            System.out.println("run " + i + ": " + run.goneMillis());
            run.goneMillis().forEach((kind, ms) -> times.computeIfAbsent(kind.replaceAll("[0-9]+$", ""),
                    k -> new ArrayList<>()).add(ms < 0 ? Long.MAX_VALUE : ms));
            run.goneMillis().values().forEach(ms -> all.add(ms < 0 ? Long.MAX_VALUE : ms));
        }
        times.put("all", all);
        times.forEach((kind, ms) -> {
            ms.sort(null);
            System.out.printf("%-8s n=%d p50=%d ms p95=%d ms max=%d ms%n", kind, ms.size(), ms.get(ms.size() / 2),
                    ms.get(Math.min(ms.size() - 1, (int) Math.ceil(ms.size() * 0.95) - 1)), ms.get(ms.size() - 1));
        });
    }
}

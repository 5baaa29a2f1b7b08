package io.github.multiprocessing4j.bench;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.StartMethod;
import io.github.multiprocessing4j.internal.spawn.ClassDataArchive;
import io.github.multiprocessing4j.internal.spawn.InheritedJvm;
import java.io.IOException;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure the children's class-data archive (CDS on JDK 17, the AOT cache on JDK 25) exists before anything
 * is measured, as a Python benchmark runs with its {@code __pycache__} in place. Without it, the first run after
 * a build (a new JAR is a new class path) measured its spawn children without the archive, and the archive's
 * training (started 10 s after the first child, on JDK 25 a second JVM that assembles the cache) ran on the same
 * two cores as the children measured. That, not the archive, made a fresh child slower than {@code java Hello}.
 *
 * <p>It runs in a JVM of its own ({@code BenchJava --prime-archive}) so that the benchmark JVM's first process
 * ({@code start_latency_cold_first}) still loads the library. When the archive exists already it costs a JVM
 * start and one child; when it cannot exist (a directory on the class path, or disabled) it stops at once.
 */
final class ArchivePrimer {
    private static final long MAX_WAIT_SECONDS = 180;

    private ArchivePrimer() {
    }

    /** Runs {@code BenchJava --prime-archive} in a fresh JVM with this JVM's java and class path, and waits. */
    static void inFreshJvm() throws IOException, InterruptedException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        java.lang.Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                BenchJava.class.getName(), "--prime-archive").inheritIO().start();
        if (!p.waitFor(MAX_WAIT_SECONDS + 60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            System.err.println("WARNING: priming the class-data archive took too long; measuring without it");
        }
    }

    /**
     * In the primer JVM: starts one spawn child, which claims the archive's training (at once: the delay is set
     * to 0 before the library reads it), then waits until the archive is published.
     */
    static void prime() throws Exception {
        System.setProperty("multiprocessing4j.classDataArchiveDelaySeconds", "0");
        String classPath = System.getProperty("java.class.path");
        long t0 = System.nanoTime();
        Process p = new Process(Targets::empty).startMethod(StartMethod.SPAWN);
        p.start();
        p.join();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(MAX_WAIT_SECONDS);
        boolean trained = false;
        while (ClassDataArchive.isTraining(InheritedJvm.javaBinary(), classPath) && System.nanoTime() < deadline) {
            trained = true;
            Thread.sleep(100);
        }
        boolean ready = !ClassDataArchive.options(InheritedJvm.javaBinary(), classPath).isEmpty();
        System.err.printf("# class-data archive for the children: %s%n", !ready ? "none (measuring without it)"
                : trained ? String.format("trained in %.1f s", (System.nanoTime() - t0) / 1e9) : "in place");
    }
}

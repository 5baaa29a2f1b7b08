package io.github.multiprocessing4j.internal.pool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * How much memory this JVM holds: its resident set size from {@code /proc/self/statm} where there is one (Linux),
 * else the Java heap in use.
 */
final class MemoryProbe {
    private static final Path STATM = Paths.get("/proc/self/statm");
    private static final long PAGE = 4096;

    private MemoryProbe() {
    }

    static long residentBytes() {
        try {
            String[] fields = new String(Files.readAllBytes(STATM), StandardCharsets.US_ASCII).trim().split(" ");
            return Long.parseLong(fields[1]) * PAGE;
        } catch (IOException | RuntimeException e) {
            Runtime rt = Runtime.getRuntime();
            return rt.totalMemory() - rt.freeMemory();
        }
    }
}

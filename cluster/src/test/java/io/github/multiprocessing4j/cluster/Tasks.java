package io.github.multiprocessing4j.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Tasks the tests send to nodes; static, so that no test object crosses. */
final class Tasks {
    private Tasks() {
    }

    static int square(int x) {
        return x * x;
    }

    /** Writes this worker's pid into {@code dir}, then sleeps {@code millis}. */
    static int markAndSleep(String dir, int x, long millis) throws IOException, InterruptedException {
        long pid = ProcessHandle.current().pid();
        Path mark = Paths.get(dir, Long.toString(pid));
        if (!Files.exists(mark)) {
            Files.writeString(mark, Integer.toString(x));
        }
        Thread.sleep(millis);
        return x * x;
    }

    static int halt(int x) {
        Runtime.getRuntime().halt(3);
        return x;
    }

    static String nodeOf(int ignored) {
        return ProcessHandle.current().parent().map(p -> Long.toString(p.pid())).orElse("?");
    }

    /** The worker pids marked in {@code dir}. */
    static List<Long> marked(Path dir) throws IOException {
        List<Long> pids = new ArrayList<>();
        try (var files = Files.list(dir)) {
            files.forEach(f -> pids.add(Long.parseLong(f.getFileName().toString())));
        }
        return pids;
    }

    /** The parent (node) pid of a worker. */
    static Optional<Long> parentOf(long pid) {
        return ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid);
    }
}

package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test (or a test class, for what its {@code @BeforeAll} started) that leaves behind a child process,
 * a multiprocessing4j socket directory, a /dev/shm entry, or an open socket or pipe. Registered for every test
 * by JUnit's extension auto-detection. Leftovers are removed after they are reported, so one leak does not fail
 * the tests after it.
 */
public final class LeakCheck implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private static final long SETTLE_MILLIS = 10_000;
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LeakCheck.class);

    /** What exists at one moment. */
    static final class Snapshot {
        final Set<Long> children;
        final Set<Path> files;
        final int sockets;
        final int pipes;
        final int spares;
        final int spareSockets;

        Snapshot() {
            // spare JVMs of the warm start method are kept between tests on purpose (SparePoolTest checks them)
            JvmRuntime.Snapshot runtime = JvmRuntime.get().snapshot();
            Set<Long> spares = new HashSet<>(runtime.spares());
            this.spares = spares.size();
            this.spareSockets = runtime.connectedSpares() + (spares.isEmpty() || !runtime.socketOpen() ? 0 : 1);
            children = ProcessHandle.current().descendants().map(ProcessHandle::pid)
                    .filter(pid -> !spares.contains(pid)).collect(Collectors.toSet());
            files = leakableFiles();
            int[] fds = countFds();
            sockets = fds[0];
            pipes = fds[1];
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NS).put("class", new Snapshot());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        verify(context.getStore(NS).get("class", Snapshot.class), context.getDisplayName());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put("test", new Snapshot());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        verify(context.getStore(NS).get("test", Snapshot.class), context.getDisplayName());
    }

    private static void verify(Snapshot before, String what) {
        long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
        Snapshot after = new Snapshot();
        while (System.currentTimeMillis() < deadline && !clean(before, after)) {
            sleep();
            after = new Snapshot();
        }
        List<String> problems = new ArrayList<>();
        for (long pid : after.children) {
            if (!before.children.contains(pid)) {
                ProcessHandle.of(pid).ifPresent(p -> {
                    problems.add("child process " + pid + " " + p.info().commandLine().orElse("?"));
                    p.destroyForcibly();
                });
            }
        }
        Set<Long> ours = new HashSet<>(before.children);
        ours.addAll(after.children);
        ours.add(ProcessHandle.current().pid());
        for (Path file : after.files) {
            if (!before.files.contains(file) && ours.contains(ownerPid(file)) && !isServerOfSpares(file, after)) {
                problems.add("file " + file);
                if (ownerPid(file) != ProcessHandle.current().pid()) {
                    deleteRecursively(file); // a dead child's; this JVM's own may still be in use
                }
            }
        }
        if (after.sockets - allowance(after) > before.sockets - allowance(before)) {
            problems.add("open sockets: before=" + before.sockets + ", after=" + after.sockets + " (spares: before="
                    + before.spares + ", after=" + after.spares + ")");
        }
        if (after.pipes - after.spares > before.pipes - before.spares) {
            problems.add("open pipes: before=" + before.pipes + ", after=" + after.pipes + " (spares: before="
                    + before.spares + ", after=" + after.spares + ")");
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(what + " left behind: " + String.join("; ", problems));
        }
    }

    /** Each spare holds a socket; while there are spares, this JVM's listening socket stays open too. */
    private static int allowance(Snapshot s) {
        return s.spareSockets;
    }

    /** This JVM's control-socket directory, kept while spares exist. */
    private static boolean isServerOfSpares(Path file, Snapshot s) {
        return s.spares > 0 && ownerPid(file) == ProcessHandle.current().pid()
                && file.getFileName().toString().startsWith("mp4j-");
    }

    /** The pid in a name like {@code mp4j-4242-...}: files of other JVMs on this machine are not ours to judge. */
    private static long ownerPid(Path file) {
        String[] parts = file.getFileName().toString().split("-");
        try {
            return parts.length > 1 ? Long.parseLong(parts[1]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean clean(Snapshot before, Snapshot after) {
        Set<Path> added = new HashSet<>(after.files);
        added.removeAll(before.files);
        added.removeIf(f -> ownerPid(f) != ProcessHandle.current().pid() && !before.children.contains(ownerPid(f))
                && !after.children.contains(ownerPid(f)));
        added.removeIf(f -> isServerOfSpares(f, after));
        return before.children.containsAll(after.children) && added.isEmpty()
                && after.sockets - allowance(after) <= before.sockets - allowance(before)
                && after.pipes - after.spares <= before.pipes - before.spares;
    }

    /** Socket directories and /dev/shm files of multiprocessing4j, all named {@code mp4j-PID-...}. */
    static Set<Path> leakableFiles() {
        Set<Path> found = new HashSet<>();
        List<Path> bases = new ArrayList<>();
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null) {
            bases.add(Paths.get(runtime));
        }
        bases.add(Paths.get(System.getProperty("java.io.tmpdir")));
        bases.add(Paths.get("/tmp"));
        for (Path base : bases) {
            list(base, "mp4j-*", found);
        }
        list(Paths.get("/dev/shm"), "mp4j-*", found);
        return found;
    }

    private static void list(Path dir, String glob, Set<Path> into) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, glob)) {
            entries.forEach(p -> into.add(p.toAbsolutePath().normalize()));
        } catch (IOException e) {
            // an unreadable directory holds nothing we made
        }
    }

    /** Open sockets and pipes of this JVM. */
    static int[] countFds() {
        int[] counts = new int[2];
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Paths.get("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:")) {
                        counts[0]++;
                    } else if (target.startsWith("pipe:")) {
                        counts[1]++;
                    }
                } catch (IOException e) {
                    // closed while we looked
                }
            }
        } catch (IOException e) {
            // no /proc: nothing to count
        }
        return counts;
    }

    private static void deleteRecursively(Path path) {
        try (var walk = Files.walk(path)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // reported already
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

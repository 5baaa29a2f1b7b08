package io.github.multiprocessing4j.internal.spawn;

import io.github.multiprocessing4j.internal.watch.Liveness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The directory that holds class-data archives, and its rules: {@code -Dmultiprocessing4j.cacheDir}, else
 * {@code $XDG_CACHE_HOME/multiprocessing4j}, else {@code ~/.cache/multiprocessing4j}.
 *
 * <p>Files in it: {@code child-HASH.jsa} or {@code child-HASH.aot} (an archive), and a training's temporary output
 * {@code child-HASH.EXT.PID-START.tmp} (plus {@code .tmp.config} on JDK 25), where PID and START identify the JVM
 * that started the training and will publish it (older versions wrote {@code .PID.tmp}). The first time a JVM uses the cache it sweeps it: temporary
 * files whose JVM is gone (or that are over an hour old, or carry no JVM) are deleted, and only the 16 newest
 * archives are kept. Thread-safe.
 */
final class ClassDataArchiveCache {
    private static final Pattern TEMP = Pattern.compile(".*\\.(\\d{1,18})(?:-(\\d{1,18}))?\\.tmp(\\..*)?");
    private static final long MAX_TEMP_AGE_MILLIS = 3_600_000L;
    private static final int KEPT_ARCHIVES = 16;
    private static volatile boolean swept;

    private ClassDataArchiveCache() {
    }

    /** The cache directory, created (0700) if missing and swept on this JVM's first use. */
    static Path directory() throws IOException {
        String configured = System.getProperty("multiprocessing4j.cacheDir");
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Paths.get(xdg)
                : Paths.get(System.getProperty("user.home"), ".cache");
        Path dir = configured != null ? Paths.get(configured) : base.resolve("multiprocessing4j");
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        sweepOnce(dir);
        return dir;
    }

    /** Where this JVM's training of an archive writes before it is published. */
    static Path temporaryOutput(Path archive) {
        return archive.resolveSibling(archive.getFileName() + "." + Liveness.selfPid() + "-"
                + Liveness.selfStartTime() + ".tmp");
    }

    /** The AOT configuration a JDK 25 trainer writes beside its output, and deletes when it ends normally. */
    static Path aotConfiguration(Path output) {
        return output.resolveSibling(output.getFileName() + ".config");
    }

    private static synchronized void sweepOnce(Path dir) {
        if (!swept) {
            swept = true;
            sweep(dir);
        }
    }

    private static void sweep(Path dir) {
        List<Path> archives = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.contains(".tmp") && isAbandoned(file, name)) {
                    Files.deleteIfExists(file);
                } else if (name.startsWith("child-") && (name.endsWith(".jsa") || name.endsWith(".aot"))) {
                    archives.add(file);
                }
            }
            archives.sort(Comparator.comparingLong(ClassDataArchiveCache::modified).reversed());
            for (Path old : archives.subList(Math.min(KEPT_ARCHIVES, archives.size()), archives.size())) {
                Files.deleteIfExists(old);
            }
        } catch (IOException | RuntimeException e) {
            // an untidy cache costs disk, not correctness
        }
    }

    /**
     * Whether nobody will publish this temporary file: the JVM named in it is gone (this JVM has trained nothing
     * yet when it sweeps, so a file with its own pid was left by an earlier process with that pid), or it is too
     * old for any training.
     */
    private static boolean isAbandoned(Path file, String name) {
        if (modified(file) < System.currentTimeMillis() - MAX_TEMP_AGE_MILLIS) {
            return true;
        }
        Matcher m = TEMP.matcher(name);
        if (!m.matches()) {
            return false; // not ours to judge until it is old
        }
        long pid = Long.parseLong(m.group(1));
        long startTime = m.group(2) == null ? 0 : Long.parseLong(m.group(2)); // older names carry the pid only
        return pid == Liveness.selfPid() || !Liveness.isAlive(pid, startTime);
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}

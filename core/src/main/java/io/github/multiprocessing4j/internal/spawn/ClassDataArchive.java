package io.github.multiprocessing4j.internal.spawn;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A class-data archive for child JVMs, built once per class path and reused across runs: an AppCDS dynamic
 * archive on JDK 17 to 24 ({@code -XX:ArchiveClassesAtExit}, then {@code -XX:SharedArchiveFile}), the AOT cache
 * on JDK 25+ ({@code -XX:AOTCacheOutput}, then {@code -XX:AOTCache}). Both map the classes a child loads (this
 * library's child path, java.io serialization, Unix sockets) instead of loading and linking them again.
 *
 * <p>Archives live in {@code $XDG_CACHE_HOME/multiprocessing4j} (else {@code ~/.cache/multiprocessing4j}, or
 * where {@code -Dmultiprocessing4j.cacheDir} says), named
 * by a hash of the JDK, the class path and each entry's size and modification time, so a changed class path gets
 * a new archive. The JVMs support archives only for class paths of JAR files: with a directory on the class path
 * (as under {@code mvn test}) children start without one. A missing, stale or unreadable archive is never a cause
 * of failure: the JVM then starts without it, and its messages about the archive are silenced.
 * Set {@code -Dmultiprocessing4j.classDataArchive=false} to turn this off.
 */
public final class ClassDataArchive {
    private static final boolean ENABLED = !"false".equals(System.getProperty("multiprocessing4j.classDataArchive"));
    private static final boolean AOT = Runtime.version().feature() >= 25;
    private static final Set<String> TRAINING = ConcurrentHashMap.newKeySet();
    private static final Map<String, Path> ARCHIVES = new ConcurrentHashMap<>();

    private ClassDataArchive() {
    }

    /** What a trainer should run with, and where to move its output when it has ended. */
    public record Training(List<String> options, Path output, Path archive) {
        /** Moves a complete archive into place; a trainer that died leaves none, and nothing happens. */
        public void publish() {
            try {
                if (Files.isRegularFile(output) && Files.size(output) > 0) {
                    Files.move(output, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                // no archive this time: children start without one
            } finally {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // left for the next run's sweep
                }
            }
        }
    }

    /**
     * The options that make a child of the default java binary use the archive for this class path, or none
     * when there is no archive (yet) or the class path cannot have one.
     */
    public static List<String> options(Path javaBinary, String classPath) {
        Path archive = archiveFor(javaBinary, classPath);
        if (archive == null || !Files.isRegularFile(archive)) {
            return List.of();
        }
        String file = archive.toString();
        return AOT ? List.of("-XX:AOTCache=" + file, "-Xlog:aot=off", "-Xlog:cds=off")
                : List.of("-XX:SharedArchiveFile=" + file, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /**
     * Claims the training of the archive for this class path, once per JVM, when it is missing.
     *
     * @return the trainer's options and output, or null when there is nothing to train
     */
    public static Training claimTraining(Path javaBinary, String classPath) {
        Path archive = archiveFor(javaBinary, classPath);
        if (archive == null || Files.isRegularFile(archive) || !TRAINING.add(archive.toString())) {
            return null;
        }
        sweep(archive.getParent());
        Path output = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        String file = output.toString();
        List<String> options = AOT ? List.of("-XX:AOTCacheOutput=" + file, "-Xlog:aot=off", "-Xlog:cds=off")
                : List.of("-XX:ArchiveClassesAtExit=" + file, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        return new Training(options, output, archive);
    }

    private static Path archiveFor(Path javaBinary, String classPath) {
        if (!ENABLED || !javaBinary.equals(InheritedJvm.javaBinary()) || classPath.isEmpty()) {
            return null;
        }
        return ARCHIVES.computeIfAbsent(classPath, ClassDataArchive::locate);
    }

    private static Path locate(String classPath) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((System.getProperty("java.home") + "|" + Runtime.version() + "|" + AOT + "|")
                    .getBytes(StandardCharsets.UTF_8));
            for (String entry : classPath.split(File.pathSeparator)) {
                Path path = Paths.get(entry);
                if (Files.isDirectory(path) || !Files.isRegularFile(path) || hasDirectoryInManifest(path)) {
                    return null; // archives need a class path of JAR files
                }
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                digest.update((path.toAbsolutePath() + "|" + attributes.size() + "|"
                        + attributes.lastModifiedTime().toMillis() + "|").getBytes(StandardCharsets.UTF_8));
            }
            Path dir = cacheDirectory();
            return dir.resolve("child-" + HexFormat.of().formatHex(digest.digest(), 0, 12)
                    + (AOT ? ".aot" : ".jsa"));
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Keeps the cache small: removes the output of trainers that died (older than an hour) and all but the 16
     * most recent archives (each class path, and each rebuild of a JAR, has its own).
     */
    private static void sweep(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            long hourAgo = System.currentTimeMillis() - 3_600_000L;
            java.util.List<Path> archives = new java.util.ArrayList<>();
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                long modified = Files.getLastModifiedTime(file).toMillis();
                if (name.endsWith(".tmp") && modified < hourAgo) {
                    Files.deleteIfExists(file);
                } else if (name.startsWith("child-") && (name.endsWith(".jsa") || name.endsWith(".aot"))) {
                    archives.add(file);
                }
            }
            archives.sort(java.util.Comparator.comparingLong(ClassDataArchive::modified).reversed());
            for (Path old : archives.subList(Math.min(16, archives.size()), archives.size())) {
                Files.deleteIfExists(old);
            }
        } catch (IOException | RuntimeException e) {
            // an untidy cache costs disk, not correctness
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** A manifest-only JAR (Surefire's, for one) may put directories on the class path. */
    private static boolean hasDirectoryInManifest(Path jar) throws IOException {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            java.util.jar.Manifest manifest = file.getManifest();
            String entries = manifest == null ? null
                    : manifest.getMainAttributes().getValue(java.util.jar.Attributes.Name.CLASS_PATH);
            if (entries == null) {
                return false;
            }
            for (String entry : entries.trim().split("\\s+")) {
                if (entry.endsWith("/")) {
                    return true;
                }
                Path resolved = jar.toAbsolutePath().getParent().resolve(entry.startsWith("file:")
                        ? Paths.get(java.net.URI.create(entry)).toString() : entry);
                if (Files.isDirectory(resolved)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static Path cacheDirectory() throws IOException {
        String configured = System.getProperty("multiprocessing4j.cacheDir");
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Paths.get(xdg)
                : Paths.get(System.getProperty("user.home"), ".cache");
        Path dir = configured != null ? Paths.get(configured) : base.resolve("multiprocessing4j");
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        return dir;
    }
}

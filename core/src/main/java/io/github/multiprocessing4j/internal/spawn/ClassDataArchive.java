package io.github.multiprocessing4j.internal.spawn;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
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
 * {@link ClassDataArchiveCache} says what is kept and swept; a training's output is published whole or deleted.
 * Set {@code -Dmultiprocessing4j.classDataArchive=false} to turn this off.
 */
public final class ClassDataArchive {
    private static final boolean ENABLED = !"false".equals(System.getProperty("multiprocessing4j.classDataArchive"));
    private static final boolean AOT = Runtime.version().feature() >= 25;
    private static final Set<String> TRAINING = ConcurrentHashMap.newKeySet();
    private static final Map<String, Path> ARCHIVES = new ConcurrentHashMap<>();

    private ClassDataArchive() {
    }

    /**
     * One training of a missing archive: the options a trainer JVM runs with, and what becomes of its output.
     * Its output is either published (moved into place whole) or deleted: never kept.
     */
    public static final class Training {
        private final List<String> options;
        private final Path output;
        private final Path archive;

        private Training(List<String> options, Path output, Path archive) {
            this.options = options;
            this.output = output;
            this.archive = archive;
        }

        /** The trainer's JVM options: write the archive to a temporary file, quietly. */
        public List<String> options() {
            return options;
        }

        /** Whether the archive is still missing (another JVM may have built it meanwhile). */
        public boolean isNeeded() {
            return !Files.isRegularFile(archive);
        }

        /**
         * Moves the archive of a trainer that ended normally into place, then deletes whatever is left.
         *
         * @param completed whether the trainer exited by itself with status 0 (its output is then whole)
         */
        public void publish(boolean completed) {
            try {
                // the helpers first: once the archive is in place the program may go on and end
                Files.deleteIfExists(ClassDataArchiveCache.aotConfiguration(output));
                if (completed && Files.isRegularFile(output) && Files.size(output) > 0) {
                    Files.move(output, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                // no archive this time: children start without one
            } finally {
                discard();
            }
        }

        /** Deletes the trainer's temporary files (call once the trainer and its helpers are gone). */
        public void discard() {
            for (Path file : List.of(output, ClassDataArchiveCache.aotConfiguration(output))) {
                try {
                    Files.deleteIfExists(file);
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
        Path output = ClassDataArchiveCache.temporaryOutput(archive);
        String file = output.toString();
        List<String> options = AOT ? List.of("-XX:AOTCacheOutput=" + file, "-Xlog:aot=off", "-Xlog:cds=off")
                : List.of("-XX:ArchiveClassesAtExit=" + file, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        return new Training(options, output, archive);
    }

    /**
     * Whether this JVM has claimed the training of the archive for this class path and the archive is not in
     * place yet: children started now start without it. False once it is published, and when no archive can
     * exist (disabled, a directory on the class path, another java binary). A training that failed stays
     * "training" for the life of this JVM (it is not retried), so callers that wait on this bound their wait.
     */
    public static boolean isTraining(Path javaBinary, String classPath) {
        Path archive = archiveFor(javaBinary, classPath);
        return archive != null && TRAINING.contains(archive.toString()) && !Files.isRegularFile(archive);
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
            Path dir = ClassDataArchiveCache.directory();
            return dir.resolve("child-" + HexFormat.of().formatHex(digest.digest(), 0, 12)
                    + (AOT ? ".aot" : ".jsa"));
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            return null;
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
}

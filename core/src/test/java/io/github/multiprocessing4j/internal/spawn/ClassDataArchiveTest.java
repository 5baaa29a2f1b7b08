package io.github.multiprocessing4j.internal.spawn;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessing4j.fixtures.ArchiveUser;
import io.github.multiprocessing4j.fixtures.ShortArchiveUser;
import io.github.multiprocessing4j.internal.watch.Liveness;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Children of a program on a JAR class path get a class-data archive, built once, silently, and only in a program
 * that lasts; the cache keeps no temporary file of a training that did not publish.
 */
class ClassDataArchiveTest {
    @TempDir
    static Path classes;
    static Path jar;
    @TempDir
    Path dir;
    Path cache;

    /** A JAR of this module's classes and test classes: only a class path of JARs can have an archive. */
    @BeforeAll
    static void buildJar() throws IOException {
        jar = classes.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String root : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                if (root.endsWith("classes") && Files.isDirectory(Paths.get(root))) {
                    addTree(out, Paths.get(root));
                }
            }
        }
    }

    @BeforeEach
    void createCache() throws IOException {
        cache = Files.createDirectories(dir.resolve("cache"));
    }

    @Test
    void shouldHaveNoArchiveForAClassPathWithDirectories() {
        String classPath = System.getProperty("java.class.path");
        assertThat(ClassDataArchive.options(InheritedJvm.javaBinary(), classPath)).isEmpty();
        assertThat(ClassDataArchive.claimTraining(InheritedJvm.javaBinary(), classPath)).isNull();
        assertThat(ClassDataArchive.isTraining(InheritedJvm.javaBinary(), classPath)).isFalse();
        assertThat(ClassDataArchive.options(InheritedJvm.javaBinary(), dir.toString())).isEmpty();
    }

    @Test
    void shouldBuildAnArchiveOnceAndStartChildrenWithIt() throws Exception {
        String output = run(1, ArchiveUser.class, cache.toString());
        assertThat(output).isEqualTo("child says first\ntraining claimed: true, training once published: false\n"
                + "child says second\nsecond child's target class from the archive\nexit codes 0 0\n");
        List<Path> archives = cacheFiles();
        assertThat(archives).hasSize(1); // and no temporary file
        assertThat(archives.get(0).toString()).matches(".*child-[0-9a-f]+\\.(jsa|aot)");
        assertThat(Files.size(archives.get(0))).isPositive();
    }

    @Test
    void shouldStartNoTrainingInARunShorterThanTheDelay() throws Exception {
        String output = run(600, ShortArchiveUser.class, "short", cache.toString());
        assertThat(output).isEqualTo("child says hello\nexit code 0\ntrainer running: false\n");
        assertThat(cacheFiles()).isEmpty();
    }

    @Test
    void shouldDeleteTheOutputOfATrainerThatTheEndOfTheProgramCutShort() throws Exception {
        String output = run(0, ShortArchiveUser.class, "cut-short", cache.toString());
        assertThat(output).startsWith("child says hello\nexit code 0\ntrainer frozen: ");
        long trainer = Long.parseLong(output.substring(output.lastIndexOf(' ') + 1).trim());
        assertThat(Liveness.isAlive(trainer)).as("the trainer outlived its program").isFalse();
        assertThat(cacheFiles()).isEmpty();
    }

    @Test
    void shouldSweepTemporaryFilesOfJvmsThatAreGone() throws Exception {
        java.lang.Process gone = new ProcessBuilder("true").start();
        assertThat(gone.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String self = Liveness.selfPid() + "-" + Liveness.selfStartTime();
        List<String> swept = List.of("child-0a.aot." + gone.pid() + "-1.tmp", "child-0a.aot." + gone.pid() + "-1.tmp.config",
                "child-0b.jsa." + gone.pid() + ".tmp", "left-by-someone.tmp");
        List<String> kept = List.of("child-0c.aot." + self + ".tmp", "child-0c.aot." + self + ".tmp.config",
                "child-0d.jsa." + Liveness.selfPid() + ".tmp", "fresh-unknown.tmp");
        for (String name : swept) {
            Files.write(cache.resolve(name), new byte[] {1});
        }
        for (String name : kept) {
            Files.write(cache.resolve(name), new byte[] {1});
        }
        Files.setLastModifiedTime(cache.resolve("left-by-someone.tmp"), FileTime.fromMillis(System.currentTimeMillis() - 7_200_000L));
        String output = run(600, ShortArchiveUser.class, "short", cache.toString());
        assertThat(output).endsWith("exit code 0\ntrainer running: false\n");
        assertThat(cacheFiles()).map(p -> p.getFileName().toString()).containsExactlyInAnyOrderElementsOf(kept);
    }

    /** Runs a program on the JAR class path, with the cache in this test's directory; returns its output. */
    private String run(long delaySeconds, Class<?> main, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(InheritedJvm.javaBinary().toString(),
                "-Dmultiprocessing4j.cacheDir=" + cache, "-Duser.home=" + dir,
                "-Dmultiprocessing4j.classDataArchiveDelaySeconds=" + delaySeconds, "-cp", jar.toString(), main.getName()));
        command.addAll(List.of(args));
        java.lang.Process program = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(program.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(program.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    private List<Path> cacheFiles() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.toList();
        }
    }

    private static void addTree(JarOutputStream out, Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String name = root.relativize(file).toString().replace('\\', '/');
                try {
                    out.putNextEntry(new JarEntry(name));
                } catch (java.util.zip.ZipException duplicate) {
                    continue; // a resource in both trees: the first wins, as on a class path
                }
                try (OutputStream entry = new java.io.FilterOutputStream(out) {
                    @Override
                    public void close() {
                        // keep the JAR stream open
                    }
                }) {
                    Files.copy(file, entry);
                }
                out.closeEntry();
            }
        }
    }
}

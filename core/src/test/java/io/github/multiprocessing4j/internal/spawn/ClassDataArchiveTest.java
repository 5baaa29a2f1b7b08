package io.github.multiprocessing4j.internal.spawn;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessing4j.fixtures.ArchiveUser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Children of a program on a JAR class path get a class-data archive, built once, silently. */
class ClassDataArchiveTest {
    @TempDir
    Path dir;

    @Test
    void shouldHaveNoArchiveForAClassPathWithDirectories() {
        String classPath = System.getProperty("java.class.path");
        assertThat(ClassDataArchive.options(InheritedJvm.javaBinary(), classPath)).isEmpty();
        assertThat(ClassDataArchive.claimTraining(InheritedJvm.javaBinary(), classPath)).isNull();
        assertThat(ClassDataArchive.options(InheritedJvm.javaBinary(), dir.toString())).isEmpty();
    }

    @Test
    void shouldBuildAnArchiveOnceAndStartChildrenWithIt() throws Exception {
        Path jar = dir.resolve("app.jar");
        Path cache = dir.resolve("cache");
        Files.createDirectories(cache);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String root : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                if (root.endsWith("classes") && Files.isDirectory(Paths.get(root))) {
                    addTree(out, Paths.get(root));
                }
            }
        }
        java.lang.Process program = new ProcessBuilder(InheritedJvm.javaBinary().toString(),
                "-Dmultiprocessing4j.cacheDir=" + cache, "-cp", jar.toString(), ArchiveUser.class.getName(),
                cache.toString()).redirectErrorStream(true).start();
        String output = new String(program.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(program.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(output).isEqualTo("child says first\nchild says second\nexit codes 0 0\n");
        try (Stream<Path> files = Files.list(cache)) {
            List<Path> archives = files.toList();
            assertThat(archives).hasSize(1);
            assertThat(archives.get(0).toString()).matches(".*child-[0-9a-f]+\\.(jsa|aot)");
            assertThat(Files.size(archives.get(0))).isPositive();
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

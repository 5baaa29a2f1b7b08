package io.github.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessing4j.fixtures.HelloParent;
import io.github.multiprocessing4j.fixtures.IsolatedLauncher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child gets a faithful class path however its parent was started: {@code java -jar} with a shaded JAR,
 * and a class loader of its own as under {@code mvn exec:java} (Surefire is how every other test runs).
 */
class LaunchModesTest {
    private static final String JAVA = Paths.get(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    @Test
    void shouldRunChildrenOfAShadedJarStartedWithJavaJar() throws Exception {
        Path jar = dir.resolve("shaded.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, HelloParent.class.getName());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            for (Path root : classDirectories()) {
                addTree(out, root);
            }
        }
        assertThat(run(JAVA, "-jar", jar.toString(), "jar")).isEqualTo("child jar Process-1\nexit 0\n");
    }

    @Test
    void shouldRunChildrenOfAProgramLoadedByItsOwnClassLoaderAsUnderExecJava() throws Exception {
        // only the launcher is on java.class.path; the application, and this library, come from a URLClassLoader
        Path launcherDir = dir.resolve("launcher");
        String launcherClass = IsolatedLauncher.class.getName().replace('.', '/') + ".class";
        Path source = findClass(launcherClass);
        Files.createDirectories(launcherDir.resolve(launcherClass).getParent());
        Files.copy(source, launcherDir.resolve(launcherClass));
        List<String> appClassPath = new ArrayList<>();
        classDirectories().forEach(p -> appClassPath.add(p.toString()));
        assertThat(run(JAVA, "-cp", launcherDir.toString(), IsolatedLauncher.class.getName(),
                String.join(java.io.File.pathSeparator, appClassPath), HelloParent.class.getName(), "isolated"))
                .isEqualTo("child isolated Process-1\nexit 0\n");
    }

    private static String run(String... command) throws IOException, InterruptedException {
        java.lang.Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    private static List<Path> classDirectories() {
        List<Path> dirs = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.endsWith("classes") && Files.isDirectory(Paths.get(entry))) {
                dirs.add(Paths.get(entry));
            }
        }
        return dirs;
    }

    private static Path findClass(String name) {
        return classDirectories().stream().map(d -> d.resolve(name)).filter(Files::exists).findFirst().orElseThrow();
    }

    private static void addTree(JarOutputStream out, Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String name = root.relativize(file).toString().replace('\\', '/');
                if (name.equals("META-INF/MANIFEST.MF")) {
                    continue;
                }
                try {
                    out.putNextEntry(new JarEntry(name));
                } catch (java.util.zip.ZipException duplicate) {
                    continue;
                }
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
    }
}

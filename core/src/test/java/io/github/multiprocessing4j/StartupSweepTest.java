package io.github.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessing4j.fixtures.HelloParent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a JVM killed with SIGKILL left (its socket directory, its shared-memory files) is removed by the next
 * program that starts the library, even one that uses no shared memory and runs for a moment only.
 */
class StartupSweepTest {
    @Test
    void shouldSweepWhatDeadJvmsLeftOnAnyStart() throws Exception {
        java.lang.Process gone = new ProcessBuilder("true").start();
        assertThat(gone.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long deadPid = gone.pid();
        Path shm = Paths.get("/dev/shm", "mp4j-" + deadPid + "-lock-sweeptest");
        Path base = socketBase();
        Path socketDir = base.resolve("mp4j-" + deadPid + "-sweeptest");
        Files.write(shm, new byte[4096]);
        Files.createDirectories(socketDir);
        Files.writeString(socketDir.resolve("s"), "");
        try {
            java.lang.Process program = new ProcessBuilder(
                    Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-cp",
                    System.getProperty("java.class.path"), HelloParent.class.getName(), "sweep")
                    .redirectErrorStream(true).start();
            String output = new String(program.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(program.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(output).contains("exit 0");
            assertThat(shm).as("shared memory of a dead creator").doesNotExist();
            assertThat(socketDir).as("socket directory of a dead JVM").doesNotExist();
        } finally {
            Files.deleteIfExists(shm);
            Files.deleteIfExists(socketDir.resolve("s"));
            Files.deleteIfExists(socketDir);
        }
    }

    /** As the library chooses it: $XDG_RUNTIME_DIR, else java.io.tmpdir when short enough, else /tmp. */
    private static Path socketBase() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && Files.isDirectory(Paths.get(runtime)) && Files.isWritable(Paths.get(runtime))) {
            return Paths.get(runtime);
        }
        Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
        return tmp.toAbsolutePath().toString().length() <= 80 ? tmp : Paths.get("/tmp");
    }
}

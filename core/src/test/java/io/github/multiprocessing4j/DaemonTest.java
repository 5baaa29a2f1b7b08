package io.github.multiprocessing4j;

import io.github.multiprocessing4j.exception.SerializationFailedException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.fixtures.ParentJvm;
import io.github.multiprocessing4j.internal.watch.Liveness;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Daemon semantics: Python's, plus daemon children that die with a parent killed by SIGKILL. */
class DaemonTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    static void startAChild() {
        new Process(() -> { }).start();
    }

    @Test
    void shouldRefuseChildrenOfADaemon() throws Exception {
        Process daemon = new Process(DaemonTest::startAChild).setDaemon(true).stderr(Output.capture());
        daemon.start();
        assertThat(daemon.join(WAIT)).isTrue();
        assertThat(daemon.exitCode()).hasValue(1);
        assertThat(daemon.exception().orElseThrow().getCause()).isInstanceOf(IllegalStateException.class)
                .hasMessage("daemonic processes are not allowed to have children");
    }

    @Test
    void shouldEndDaemonChildrenAndSparesWhenTheParentIsKilled() throws Exception {
        Path done = dir.resolve("done");
        java.lang.Process parent = ParentJvm.command("wait", done, 1500).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                StandardCharsets.UTF_8))) {
            long daemon = pid(out.readLine(), "daemon");
            long worker = pid(out.readLine(), "worker");
            String spares = out.readLine();
            assertThat(spares).startsWith("spares=").isNotEqualTo("spares=");
            ProcessHandle daemonHandle = ProcessHandle.of(daemon).orElseThrow();
            ProcessHandle workerHandle = ProcessHandle.of(worker).orElseThrow();
            parent.destroyForcibly();
            assertThat(parent.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // the daemon would sleep for 10 minutes and a spare for ever: gone means ended by the parent's death
            // (within milliseconds, which the benchmarks measure; a busy machine can take seconds)
            assertThat(gone(daemonHandle, WAIT)).as("daemon gone after SIGKILL").isTrue();
            for (String spare : spares.substring("spares=".length()).split(",")) {
                assertThat(gone(ProcessHandle.of(Long.parseLong(spare)).orElse(daemonHandle), WAIT))
                        .as("spare JVM %s gone after SIGKILL", spare).isTrue();
            }
            // the non-daemon child finishes its target, then exits
            assertThat(gone(workerHandle, WAIT)).isTrue();
            assertThat(Files.readString(done)).isEqualTo("done by " + worker);
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void shouldWaitForNonDaemonChildrenAndEndDaemonsWhenMainReturns() throws Exception {
        assertParentWaitsForWorker("return");
    }

    @Test
    void shouldWaitForNonDaemonChildrenAlsoAfterSystemExit() throws Exception {
        assertParentWaitsForWorker("exit");
    }

    private void assertParentWaitsForWorker(String mode) throws Exception {
        Path done = dir.resolve("done");
        java.lang.Process parent = ParentJvm.command(mode, done, 1500).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                StandardCharsets.UTF_8))) {
            long daemon = pid(out.readLine(), "daemon");
            ProcessHandle daemonHandle = ProcessHandle.of(daemon).orElseThrow();
            assertThat(parent.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(parent.exitValue()).isZero();
            // the parent ended only after its non-daemon child had done its work
            assertThat(done).exists();
            assertThat(gone(daemonHandle, WAIT)).isTrue();
            // its exit sequence removed its socket directory, although spares held it until the end
            assertThat(LeakCheck.leakableFiles()).as("files of the ended parent")
                    .noneMatch(f -> f.getFileName().toString().startsWith("mp4j-" + parent.pid() + "-"));
        } finally {
            parent.destroyForcibly();
        }
    }

    private static long pid(String line, String key) {
        assertThat(line).startsWith(key + "=");
        return Long.parseLong(line.substring(key.length() + 1));
    }

    /**
     * Polls: for a process that is not our child, the JDK's {@code onExit()} polls with a backoff of up to
     * seconds, which would hide how fast the daemon really goes.
     */
    private static boolean gone(ProcessHandle handle, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!running(handle.pid())) {
                return true;
            }
            Thread.sleep(5);
        }
        return !running(handle.pid());
    }

    /** Alive and not a zombie waiting for init to reap it. */
    private static boolean running(long pid) {
        return Liveness.isAlive(pid);
    }

    @Test
    void shouldRefuseToStartAProcessWhileTheJvmExits() throws Exception {
        java.lang.Process program = new ProcessBuilder(
                java.nio.file.Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), io.github.multiprocessing4j.fixtures.StartAtExit.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(program.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(program.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).isEqualTo("refused: cannot start a process while this JVM is exiting\n");
    }

    @Test
    void shouldRefuseToStartWhenNotSerializableEvenForDaemons() {
        Object lock = new Object();
        assertThatThrownBy(() -> new Process(() -> System.out.println(lock)).setDaemon(true).start())
                .isInstanceOf(SerializationFailedException.class);
    }
}

package io.github.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Both start methods give a process the same semantics; only where its JVM comes from differs. */
class StartMethodTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    static void report(String file) throws Exception {
        Process me = Multiprocessing.currentProcess();
        Files.writeString(Path.of(file), me.getName() + " " + me.isDaemon() + " " + Multiprocessing.getPid() + " "
                + Multiprocessing.getParentPid() + " " + System.getProperty("mp4j.test.inherited") + " "
                + System.getenv("PATH").equals(System.getenv("PATH")));
    }

    static void fail() {
        throw new UnsupportedOperationException("from the child");
    }

    static void exit(int code) {
        System.exit(code);
    }

    @ParameterizedTest
    @EnumSource(StartMethod.class)
    void shouldGiveTheSameIdentityWithEitherMethod(StartMethod method) throws Exception {
        Path file = dir.resolve("report");
        Process p = new Process(StartMethodTest::report, file.toString()).setName("cook").setDaemon(true)
                .startMethod(method);
        p.start();
        assertThat(p.join(WAIT)).isTrue();
        assertThat(p.exitCode()).hasValue(0);
        assertThat(Files.readString(file)).isEqualTo("cook true " + p.pid() + " " + ProcessHandle.current().pid()
                + " yes true");
    }

    @ParameterizedTest
    @EnumSource(StartMethod.class)
    void shouldGiveTheSameExitCodesAndExceptionsWithEitherMethod(StartMethod method) throws Exception {
        Process failing = new Process(StartMethodTest::fail).startMethod(method);
        Process exiting = new Process(StartMethodTest::exit, 7).startMethod(method);
        failing.start();
        exiting.start();
        assertThat(failing.join(WAIT) && exiting.join(WAIT)).isTrue();
        assertThat(failing.exitCode()).hasValue(1);
        assertThat(failing.exception().orElseThrow().getCause()).hasMessage("from the child");
        assertThat(exiting.exitCode()).hasValue(7);
    }

    @Test
    void shouldRunAWarmProcessInASpareAndKeepSparesStocked() throws Exception {
        new Process(() -> { }).startMethod(StartMethod.WARM).start();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (JvmRuntime.get().snapshot().connectedSpares() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        var spares = JvmRuntime.get().snapshot().spares();
        Process p = new Process(() -> { }).startMethod(StartMethod.WARM);
        p.start();
        assertThat(spares).contains(p.pid());
        assertThat(p.join(WAIT)).isTrue();
        assertThat(p.exitCode()).hasValue(0);
        // the replacement boots once the process has ended (or was taken while booting: at once)
        Awaitility.await().atMost(WAIT).untilAsserted(() ->
                assertThat(JvmRuntime.get().snapshot().spares()).isNotEmpty().doesNotContain(p.pid()));
    }

    @Test
    void shouldGiveAFreshJvmToAProcessWithItsOwnJvmOptions() throws Exception {
        new Process(() -> { }).startMethod(StartMethod.WARM).start();
        Process p = new Process(() -> { }).startMethod(StartMethod.WARM).jvmOptions("-Xmx64m");
        var spares = JvmRuntime.get().snapshot().spares();
        p.start();
        assertThat(spares).doesNotContain(p.pid());
        assertThat(p.join(WAIT)).isTrue();
    }
}

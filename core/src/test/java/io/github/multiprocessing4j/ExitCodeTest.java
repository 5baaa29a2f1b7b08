package io.github.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Exit codes exactly as Python reports them. */
class ExitCodeTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    static void exitWith(int code) {
        System.exit(code);
    }

    static void halt(int code) {
        Runtime.getRuntime().halt(code);
    }

    static void fail() {
        throw new IllegalStateException("boom");
    }

    static void sleepLong() throws InterruptedException {
        Thread.sleep(60_000);
    }

    private static int run(Process p) throws InterruptedException {
        p.stderr(Output.discard());
        p.start();
        assertThat(p.join(WAIT)).isTrue();
        return p.exitCode().getAsInt();
    }

    @Test
    void shouldBeZeroOnReturn() throws Exception {
        assertThat(run(new Process(() -> { }))).isZero();
    }

    @Test
    void shouldBeOneOnUncaughtException() throws Exception {
        assertThat(run(new Process(ExitCodeTest::fail))).isEqualTo(1);
    }

    @Test
    void shouldBeNAfterSystemExit() throws Exception {
        assertThat(run(new Process(ExitCodeTest::exitWith, 3))).isEqualTo(3);
        // a status above 128 is still an exit, not a signal
        assertThat(run(new Process(ExitCodeTest::exitWith, 143))).isEqualTo(143);
    }

    @Test
    void shouldBeNAfterHalt() throws Exception {
        assertThat(run(new Process(ExitCodeTest::halt, 7))).isEqualTo(7);
    }

    @Test
    void shouldBeMinus15AfterTerminate() throws Exception {
        Process p = new Process(ExitCodeTest::sleepLong);
        p.start();
        waitUntilRunning(p);
        p.terminate();
        assertThat(p.join(WAIT)).isTrue();
        assertThat(p.exitCode()).hasValue(-15);
        assertThat(p.toString()).contains("exitcode=-SIGTERM");
    }

    @Test
    void shouldBeMinus9AfterKill() throws Exception {
        Process p = new Process(ExitCodeTest::sleepLong);
        p.start();
        p.kill();
        assertThat(p.join(WAIT)).isTrue();
        assertThat(p.exitCode()).hasValue(-9);
        assertThat(p.toString()).contains("exitcode=-SIGKILL");
    }

    @Test
    void shouldBeMinus15WhenTerminatedBeforeTheTargetRuns() throws Exception {
        Process p = new Process(ExitCodeTest::sleepLong);
        p.start();
        p.terminate();
        assertThat(p.join(WAIT)).isTrue();
        assertThat(p.exitCode()).hasValue(-15);
    }

    /** The child is up when it has connected back; a signal before that is handled by the JVM's defaults. */
    private static void waitUntilRunning(Process p) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        java.nio.file.Path status = java.nio.file.Paths.get("/proc", Long.toString(p.pid()), "task");
        while (System.nanoTime() < deadline) {
            try (var threads = java.nio.file.Files.list(status)) {
                // a JVM that runs its target has started its watcher threads: more than the launcher's few
                if (threads.count() > 8) {
                    return;
                }
            } catch (java.io.IOException e) {
                return;
            }
            Thread.sleep(10);
        }
    }
}

package io.github.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.WeakReference;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProcessLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    static void sleepLong() throws InterruptedException {
        Thread.sleep(60_000);
    }

    @Test
    void shouldExitWithZeroWhenTargetReturns() throws Exception {
        Process p = new Process(() -> { });
        assertThat(p.exitCode()).isEmpty();
        p.start();
        assertThat(p.join(WAIT)).isTrue();
        assertThat(p.exitCode()).hasValue(0);
        assertThat(p.isAlive()).isFalse();
        assertThat(p.exception()).isEmpty();
    }

    @Test
    void shouldReportPidAndLivenessWhileRunning() throws Exception {
        Process p = new Process(ProcessLifecycleTest::sleepLong);
        p.start();
        try {
            assertThat(p.isAlive()).isTrue();
            assertThat(p.pid()).isPositive().isNotEqualTo(ProcessHandle.current().pid());
            assertThat(ProcessHandle.of(p.pid())).isPresent();
            assertThat(p.join(Duration.ofMillis(50))).isFalse();
            assertThat(Multiprocessing.activeChildren()).contains(p);
            assertThat(p.toString()).contains("name='" + p.getName() + "'", "pid=" + p.pid(), "started");
        } finally {
            p.kill();
            p.join(WAIT);
        }
        assertThat(Multiprocessing.activeChildren()).doesNotContain(p);
    }

    @Test
    void shouldRefuseToStartTwice() throws Exception {
        Process p = new Process(() -> { });
        p.start();
        assertThatThrownBy(p::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot start a process twice");
        p.join(WAIT);
    }

    @Test
    void shouldRefuseToChangeNameOrDaemonAfterStart() throws Exception {
        Process p = new Process(() -> { });
        p.start();
        assertThatThrownBy(() -> p.setName("x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot change the name");
        assertThatThrownBy(() -> p.setDaemon(true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot change the daemon flag");
        p.join(WAIT);
    }

    @Test
    void shouldRefuseJoinAndSignalsBeforeStart() {
        Process p = new Process(() -> { });
        assertThatThrownBy(p::join).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("can only join a started process");
        assertThatThrownBy(() -> p.join(WAIT)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(p::terminate).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(p::pid).isInstanceOf(IllegalStateException.class);
        assertThat(p.toString()).contains("initial");
    }

    @Test
    void shouldRefuseCloseWhileRunningAndAllowItAfter() throws Exception {
        Process p = new Process(ProcessLifecycleTest::sleepLong);
        p.start();
        assertThatThrownBy(p::close).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot close a process while it is still running");
        p.terminate();
        p.join(WAIT);
        p.close();
        p.close();
        assertThatThrownBy(p::exitCode).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("process object is closed");
        assertThat(p.toString()).contains("closed");
    }

    @Test
    void shouldCompleteOnExitFuture() throws Exception {
        Process p = new Process(() -> { });
        p.start();
        assertThat(p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS)).isSameAs(p);
        assertThat(p.exitCode()).hasValue(0);
    }

    @Test
    void shouldNameProcessesLikePython() {
        Process a = new Process(() -> { });
        Process b = new Process(() -> { });
        assertThat(a.getName()).matches("Process-\\d+");
        int na = Integer.parseInt(a.getName().substring("Process-".length()));
        assertThat(b.getName()).isEqualTo("Process-" + (na + 1));
        assertThat(a.setName("cook").getName()).isEqualTo("cook");
    }

    @Test
    void shouldDescribeTheMainProcess() {
        assertThat(Multiprocessing.currentProcess().getName()).isEqualTo("MainProcess");
        assertThat(Multiprocessing.currentProcess().pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(Multiprocessing.parentProcess()).isEmpty();
        assertThat(Multiprocessing.cpuCount()).isPositive();
        assertThat(Multiprocessing.getPid()).isEqualTo(ProcessHandle.current().pid());
    }

    static void takes(int[] data) {
        System.identityHashCode(data);
    }

    private static Process capturing(Object value) {
        return new Process(() -> System.identityHashCode(value));
    }

    @Test
    void shouldDropTheTargetAndItsArgumentsOnceStarted() throws Exception {
        int[] data = new int[1 << 20];
        WeakReference<int[]> argument = new WeakReference<>(data);
        Object captured = new StringBuilder("captured");
        WeakReference<Object> capture = new WeakReference<>(captured);
        Process withArgument = new Process(ProcessLifecycleTest::takes, data);
        Process withCapture = capturing(captured);
        withArgument.start();
        withCapture.start();
        data = null;
        captured = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while ((argument.get() != null || capture.get() != null) && System.nanoTime() < deadline) {
            System.gc();
            Thread.onSpinWait();
        }
        assertThat(argument.get()).as("the argument, held only by a started Process").isNull();
        assertThat(capture.get()).as("a captured value, held only by a started Process").isNull();
        assertThat(withArgument.join(WAIT)).isTrue();
        assertThat(withCapture.join(WAIT)).isTrue();
        assertThat(withArgument.exitCode()).hasValue(0);
        assertThat(withCapture.exitCode()).hasValue(0);
    }

    @Test
    void shouldSeeChildrenEndWhileTheCommonPoolIsBusy() throws Exception {
        // a program's own parallel work may hold every thread of the common ForkJoinPool
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        int threads = java.util.concurrent.ForkJoinPool.getCommonPoolParallelism();
        java.util.List<java.util.concurrent.CompletableFuture<Void>> busy = new java.util.ArrayList<>();
        for (int i = 0; i < threads; i++) {
            busy.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        try {
            Process p = new Process(() -> { });
            p.start();
            assertThat(p.join(WAIT)).as("the child's end is seen").isTrue();
            assertThat(p.exitCode()).hasValue(0);
        } finally {
            release.countDown();
            for (java.util.concurrent.CompletableFuture<Void> f : busy) {
                f.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }
}

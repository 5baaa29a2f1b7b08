package io.github.multiprocessing4j.pool;

import io.github.multiprocessing4j.exception.WorkerDiedException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.StartMethod;
import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pool without JVM options of its own takes ready spare JVMs, and keeps its out-of-memory rule there. */
class PoolWarmWorkerTest {
    private static List<Long> readySpares() throws InterruptedException {
        Process stocker = new Process(() -> { }).startMethod(StartMethod.WARM);
        stocker.start();
        assertThat(stocker.join(Duration.ofSeconds(30))).isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (JvmRuntime.get().snapshot().readySpares().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return JvmRuntime.get().snapshot().readySpares();
    }

    @Test
    void shouldRunItsWorkerInAReadySpareAndHaltItOnOutOfMemory() throws Exception {
        List<Long> spares = readySpares();
        assertThat(spares).isNotEmpty();
        try (Pool pool = new Pool(1)) {
            long worker = pool.workerPids().get(0);
            assertThat(spares).contains(worker);
            assertThat(pool.apply((Integer x) -> x + 1, 41)).isEqualTo(42);
            // larger than any default heap: thrown at once, without touching memory
            assertThatThrownBy(() -> pool.apply(() -> new long[Integer.MAX_VALUE - 16].length))
                    .isInstanceOf(WorkerDiedException.class)
                    .satisfies(e -> assertThat(((WorkerDiedException) e).exitCode()).isEqualTo(3));
            assertThat(pool.apply((Integer x) -> x * 2, 21)).isEqualTo(42);
            assertThat(pool.workerPids()).doesNotContain(worker);
        }
    }
}

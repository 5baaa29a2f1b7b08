package io.github.multiprocessing4j.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessing4j.LeakCheck;
import io.github.multiprocessing4j.function.SerializableCallable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Workers of a {@link ProcessPoolExecutor} start on demand. Python 3.9+: {@code ProcessPoolExecutor} starts a worker
 * at {@code submit} only when none is idle, up to {@code max_workers} ({@code _adjust_process_count} and its idle
 * worker semaphore), and keeps idle ones; {@code multiprocessing.Pool} starts all its workers at construction.
 */
@ExtendWith(LeakCheck.class)
class ExecutorOnDemandTest {
    @Test
    @DisplayName("an executor that is never given a task starts no JVM (Python: no process before submit)")
    void noTaskNoWorker() throws Exception {
        // a Pool's constructor launches its workers before it returns; this one must not have launched any
        ProcessPoolExecutor executor = new ProcessPoolExecutor(4);
        assertThat(executor.workerPids()).isEmpty();
        executor.shutdown(true, false);
        assertThat(executor.isTerminated()).isTrue();
    }

    @Test
    @DisplayName("one task at a time uses one worker, reused (Python: the idle worker takes the next task)")
    void oneAtATimeUsesOneWorker() throws Exception {
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor(4)) {
            List<Long> pids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                pids.add(executor.submit(() -> ProcessHandle.current().pid()).get(120, TimeUnit.SECONDS));
            }
            assertThat(pids).containsOnly(pids.get(0));
            assertThat(executor.workerPids()).containsExactly(pids.get(0));
        }
    }

    @Test
    @DisplayName("tasks that run at the same time start more workers, never more than maxWorkers (Python:"
            + " a submit with no idle worker starts one while fewer than max_workers run)")
    void concurrentTasksGrowUpToMax() throws Exception {
        ProcessPoolExecutor executor = new ProcessPoolExecutor(3);
        try {
            SerializableCallable<Integer> sleeper = () -> {
                Thread.sleep(120_000);
                return 1;
            };
            List<CompletableFuture<Integer>> running = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                running.add(executor.submit(sleeper));
            }
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> executor.workerPids().size() == 3);
            assertThat(running).noneMatch(CompletableFuture::isDone);
            assertThat(executor.workerPids()).hasSize(3);
        } finally {
            executor.shutdownNow();
            assertThat(executor.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    @DisplayName("Pool still starts all its workers at construction (as Python's Pool does)")
    void poolStartsAll() throws Exception {
        try (Pool pool = new Pool(2)) {
            assertThat(pool.workerPids()).hasSize(2);
        }
    }
}

package io.github.multiprocessing4j.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Workers are replaced after maxTasksPerChild tasks and above their memory limit, and none outlives the pool. */
class PoolRecyclingTest {
    static final List<byte[]> HOG = new ArrayList<>();

    static long hog(int megabytes) {
        for (int i = 0; i < megabytes * 16; i++) {
            HOG.add(new byte[1 << 16]); // small arrays: G1 stores 1 MiB arrays as humongous, doubling their cost
        }
        return ProcessHandle.current().pid();
    }

    @Test
    void shouldReplaceAWorkerAfterMaxTasksPerChild() throws Exception {
        List<Long> pids = new ArrayList<>();
        try (Pool pool = Pool.builder().processes(1).maxTasksPerChild(2).build()) {
            for (int i = 0; i < 6; i++) {
                pids.add(pool.apply(() -> ProcessHandle.current().pid()));
            }
        }
        assertThat(pids.get(0)).isEqualTo(pids.get(1));
        assertThat(pids.get(2)).isEqualTo(pids.get(3)).isNotEqualTo(pids.get(1));
        assertThat(pids.get(4)).isEqualTo(pids.get(5)).isNotEqualTo(pids.get(3));
        assertAllGone(pids);
    }

    @Test
    void shouldReplaceAWorkerOverItsMemoryLimit() throws Exception {
        List<Long> pids = new ArrayList<>();
        try (Pool pool = Pool.builder().processes(1).jvmOptions("-Xmx512m").maxMemoryPerChild(250L << 20).build()) {
            pids.add(pool.apply(PoolRecyclingTest::hog, 10));
            pids.add(pool.apply(PoolRecyclingTest::hog, 300));
            pids.add(pool.apply(PoolRecyclingTest::hog, 10));
        }
        assertThat(pids.get(1)).isEqualTo(pids.get(0));
        assertThat(pids.get(2)).isNotEqualTo(pids.get(1));
        assertAllGone(pids);
    }

    @Test
    void shouldLeaveNoWorkerAfterTerminate() throws Exception {
        Pool pool = new Pool(2);
        List<Long> pids = new ArrayList<>(pool.workerPids());
        AsyncResult<Integer> running = pool.applyAsync(() -> {
            Thread.sleep(60_000);
            return 0;
        });
        assertThat(running.await(java.time.Duration.ofMillis(1))).isFalse();
        assertThatThrownBy(running::successful).isInstanceOf(IllegalStateException.class)
                .hasMessage("the result is not ready: call ready() or await() first");
        pool.terminate();
        assertThatThrownBy(() -> running.get(java.time.Duration.ofSeconds(30)))
                .isInstanceOf(java.util.concurrent.CancellationException.class)
                .hasMessage("the pool was terminated");
        assertThat(pool.join(java.time.Duration.ofSeconds(30))).isTrue();
        assertAllGone(pids);
    }

    private static void assertAllGone(List<Long> pids) {
        Set<Long> alive = new HashSet<>();
        for (long pid : pids) {
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(p -> alive.add(pid));
        }
        assertThat(alive).isEmpty();
    }
}

package io.github.multiprocessing4j.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.Process;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code SyncManager.pool(n)} (Python: {@code manager.Pool(n)}): one pool in the manager, used by several processes. */
@Timeout(240)
class ManagedPoolTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    static Long squareWithPid(Integer x) {
        return x * 1_000_000_000L + ProcessHandle.current().pid() % 1_000_000_000L;
    }

    static Integer fail(Integer x) {
        throw new IllegalArgumentException("bad input " + x);
    }

    /** A child maps on the shared pool and records the pids its tasks ran in. */
    static void mapFromChild(ManagedPool pool, Map<String, List<Long>> results, Integer worker)
            throws InterruptedException {
        List<Integer> inputs = IntStream.range(0, 20).boxed().collect(Collectors.toList());
        results.put("w" + worker, new ArrayList<>(pool.map(ManagedPoolTest::squareWithPid, inputs)));
    }

    @Test
    void shouldShareOnePoolInTheManagerBetweenProcesses() throws Exception {
        List<Long> workers;
        try (SyncManager manager = new SyncManager().start()) {
            ManagedPool pool = manager.pool(2);
            workers = pool.workerPids();
            assertThat(workers).hasSize(2);
            long first = pool.apply(ManagedPoolTest::squareWithPid, 3);
            assertThat(first / 1_000_000_000L).isEqualTo(3);
            assertThat(workers).contains(first % 1_000_000_000L);
            assertThat(workers).doesNotContain(ProcessHandle.current().pid(), manager.process().pid());

            Map<String, List<Long>> results = manager.dict();
            List<Process> children = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                Process p = new Process(ManagedPoolTest::mapFromChild, pool, results, w);
                p.start();
                children.add(p);
            }
            for (Process p : children) {
                assertThat(p.join(WAIT)).isTrue();
                assertThat(p.exitCode()).hasValue(0);
            }
            for (int w = 0; w < 2; w++) {
                List<Long> got = results.get("w" + w);
                assertThat(got).hasSize(20);
                for (int i = 0; i < 20; i++) {
                    assertThat(got.get(i) / 1_000_000_000L).isEqualTo(i);
                    assertThat(workers).contains(got.get(i) % 1_000_000_000L); // the manager's workers ran it
                }
            }
            assertThat(pool.map(ManagedPoolTest::squareWithPid, List.of(1, 2))).isInstanceOf(ArrayList.class);
            assertThatThrownBy(() -> pool.apply(ManagedPoolTest::fail, 7))
                    .isInstanceOf(io.github.multiprocessing4j.exception.ChildProcessException.class)
                    .hasMessageContaining("bad input 7");
            assertThatThrownBy(() -> manager.pool(0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("a pool needs at least one process");
        }
        // the pool stopped with the manager
        for (long pid : workers) {
            Awaitility.await().atMost(WAIT).until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        }
    }
}

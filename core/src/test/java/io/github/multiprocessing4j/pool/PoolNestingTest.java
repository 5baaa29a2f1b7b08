package io.github.multiprocessing4j.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.multiprocessing4j.Process;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Tasks may start processes and pools (Python's pool workers may not); what they start ends with the worker. */
class PoolNestingTest {
    static void sleepLong() throws InterruptedException {
        Thread.sleep(600_000);
    }

    static long startSleeper() {
        Process p = new Process(PoolNestingTest::sleepLong);
        p.start();
        return p.pid();
    }

    static int nestedPool() throws InterruptedException {
        try (Pool inner = new Pool(1)) {
            return inner.apply(() -> 42);
        }
    }

    @Test
    void shouldLetATaskStartAProcessAndEndItWhenTheWorkerRetires() throws Exception {
        long grandchild;
        try (Pool pool = new Pool(1)) {
            grandchild = pool.apply(PoolNestingTest::startSleeper);
            assertThat(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive)).contains(true);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> ProcessHandle.of(grandchild)
                .map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void shouldRunANestedPoolInATask() throws Exception {
        try (Pool pool = new Pool(1)) {
            int answer = pool.apply(PoolNestingTest::nestedPool);
            assertThat(answer).isEqualTo(42);
        }
    }
}

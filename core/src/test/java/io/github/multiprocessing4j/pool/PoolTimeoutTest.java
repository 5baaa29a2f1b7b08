package io.github.multiprocessing4j.pool;

import io.github.multiprocessing4j.exception.TaskTimeoutException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timeouts and cancel(true) stop the work: the worker is killed and replaced. */
class PoolTimeoutTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    static int spin() {
        long n = 0;
        while (n >= 0) {
            n = (n + 1) % 1000;
        }
        return -1;
    }

    static int sleepAfterMark(String marker) throws Exception {
        Files.createFile(Path.of(marker));
        Thread.sleep(120_000);
        return -1;
    }

    @Test
    void shouldKillARunawayTaskAndGoOn() throws Exception {
        try (Pool pool = new Pool(1)) {
            long before = pool.apply(() -> ProcessHandle.current().pid());
            AsyncResult<Integer> runaway = pool.applyAsync(PoolTimeoutTest::spin, Duration.ofSeconds(1));
            assertThatThrownBy(() -> runaway.get(WAIT)).isInstanceOf(TaskTimeoutException.class)
                    .hasMessageStartingWith("task timed out, its worker was killed: timeout=PT1S, worker=PoolWorker-")
                    .hasMessageContaining("pid=" + before);
            assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            long after = pool.apply(() -> ProcessHandle.current().pid());
            assertThat(after).isNotEqualTo(before);
        }
    }

    @Test
    void shouldTimeOutOneElementOfAMapAndCompleteTheOthers() throws Exception {
        try (Pool pool = Pool.builder().processes(2).build();
                IMapIterator<Integer> results = pool.imap(x -> x == 5 ? spin() : x,
                        java.util.List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
                        // every element has this timeout: room for a cold worker on a busy machine
                        MapOptions.defaults().timeout(Duration.ofSeconds(5)))) {
            for (int i = 0; i < 10; i++) {
                if (i == 5) {
                    assertThatThrownBy(() -> results.next(WAIT)).isInstanceOf(TaskTimeoutException.class);
                } else {
                    assertThat(results.next(WAIT)).isEqualTo(i);
                }
            }
            assertThat(results.hasNext()).isFalse();
        }
    }

    @Test
    void shouldKillTheWorkerOnCancelTrue(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("started");
        try (Pool pool = new Pool(1)) {
            long pid = pool.apply(() -> ProcessHandle.current().pid());
            String where = marker.toString();
            AsyncResult<Integer> slow = pool.applyAsync(PoolTimeoutTest::sleepAfterMark, where);
            await().atMost(WAIT).until(() -> Files.exists(marker));
            assertThat(slow.cancel(true)).isTrue();
            assertThatThrownBy(() -> slow.get(WAIT)).isInstanceOf(CancellationException.class);
            await().atMost(WAIT).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
            int answer = pool.apply((Integer x) -> x * 2, 21);
            assertThat(answer).isEqualTo(42);
        }
    }
}

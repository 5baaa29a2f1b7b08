package io.github.multiprocessing4j.pool;

import io.github.multiprocessing4j.exception.WorkerDiedException;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Many crashes and outside kills during long maps: every element still ends, and only the victims fail. */
@Tag("slow")
class PoolStressTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    static int haltEvery(int x) {
        if (x % 97 == 13) {
            Runtime.getRuntime().halt(5);
        }
        return x + 1;
    }

    static int slowSquare(int x) throws InterruptedException {
        Thread.sleep(2);
        return x * x;
    }

    @Test
    void shouldSurviveManyCrashingTasks() throws Exception {
        int n = 1000;
        List<Integer> inputs = IntStream.range(0, n).boxed().collect(Collectors.toList());
        try (Pool pool = new Pool(2); IMapIterator<Integer> it = pool.imap(PoolStressTest::haltEvery, inputs)) {
            for (int i = 0; i < n; i++) {
                if (i % 97 == 13) {
                    int index = i;
                    assertThat(catchDeath(it)).as("element %d", index).isEqualTo(5);
                } else {
                    assertThat(it.next(WAIT)).isEqualTo(i + 1);
                }
            }
        }
    }

    private static int catchDeath(IMapIterator<Integer> it) throws Exception {
        try {
            it.next(WAIT);
            return Integer.MIN_VALUE;
        } catch (WorkerDiedException e) {
            return e.exitCode();
        }
    }

    @Test
    void shouldSurviveWorkersKilledFromOutside() throws Exception {
        int n = 2000;
        List<Integer> inputs = IntStream.range(0, n).boxed().collect(Collectors.toList());
        int failed = 0;
        int kills = 0;
        List<Integer> ok = new ArrayList<>();
        try (Pool pool = new Pool(2);
                IMapIterator<Integer> it = pool.imapUnordered(PoolStressTest::slowSquare, inputs)) {
            for (int i = 0; i < n; i++) {
                if (i % 200 == 100) {
                    List<Long> pids = pool.workerPids();
                    ProcessHandle.of(pids.get(0)).ifPresent(ProcessHandle::destroyForcibly);
                    kills++;
                }
                try {
                    ok.add(it.next(WAIT));
                } catch (WorkerDiedException e) {
                    assertThat(e.exitCode()).isEqualTo(-9);
                    failed++;
                }
            }
            assertThat(it.hasNext()).isFalse();
        }
        assertThat(ok.size() + failed).isEqualTo(n);
        assertThat(failed).isLessThanOrEqualTo(kills);
    }
}

package io.github.multiprocessing4j.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.LeakCheck;
import io.github.multiprocessing4j.exception.WorkerDiedException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The one-task round trip, where the connection reader takes a due result without blocking (it waits on-CPU,
 * the channel left non-blocking between frames): results of every size come whole and in order, and a worker that
 * dies while its caller waits still fails that task and is replaced.
 */
@ExtendWith(LeakCheck.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PoolRoundTripTest {
    static byte[] bytes(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + size);
        }
        return b;
    }

    static int halt(int code) {
        Runtime.getRuntime().halt(code);
        return code;
    }

    @Test
    void shouldReturnResultsOfEverySizeWholeInALoopOfApply() throws Exception {
        // small results stay in the reader's buffer; 16 KiB and more go straight into their array, some of them
        // right after a spin left the channel non-blocking
        int[] sizes = {0, 1, 100, 16 * 1024 - 10, 16 * 1024, 16 * 1024 + 1, 200_000, 3, 70_000, 5};
        try (Pool pool = new Pool(2)) {
            for (int i = 0; i < 600; i++) {
                int size = sizes[i % sizes.length];
                byte[] got = pool.apply(PoolRoundTripTest::bytes, size);
                assertThat(got).as("result of apply #%d, size %d", i, size).isEqualTo(bytes(size));
            }
        }
    }

    @Test
    void shouldFailTheWaitingCallerWhenItsWorkerDiesAndGoOn() throws Exception {
        try (Pool pool = new Pool(1)) {
            for (int i = 0; i < 200; i++) { // the reader is in its quick mode when the worker dies
                assertThat(pool.apply(PoolRoundTripTest::bytes, 4)).hasSize(4);
            }
            AsyncResult<Integer> dying = pool.applyAsync(PoolRoundTripTest::halt, 5);
            assertThatThrownBy(() -> dying.get(Duration.ofSeconds(60)))
                    .isInstanceOf(WorkerDiedException.class);
            assertThat(pool.apply(PoolRoundTripTest::bytes, 20_000)).isEqualTo(bytes(20_000)); // replaced
        }
    }

    @Test
    void shouldRunExecutorSubmitsInALoop() throws Exception {
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor(2)) {
            for (int i = 0; i < 300; i++) {
                int n = i;
                assertThat(executor.submit(() -> n * n).get(60, TimeUnit.SECONDS)).isEqualTo(n * n);
            }
        }
    }
}

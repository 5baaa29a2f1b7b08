package io.github.multiprocessing4j.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.LeakCheck;
import io.github.multiprocessing4j.exception.SerializationFailedException;
import io.github.multiprocessing4j.exception.WorkerDiedException;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A large argument to a pool task crosses to the worker whole and costs the caller about one copy: its encoded
 * bytes are a part of the task frame of their own (no joined block, no framing copy), written to the worker's stdin
 * on a thread of its own, and the worker decodes it in place. The allocation bound fails if the joined buffers
 * come back (they cost about five times the argument).
 */
@ExtendWith(LeakCheck.class)
@Timeout(300)
class PoolLargeArgumentTest {
    private static final int SIZE = 64 << 20;
    private static final Duration WAIT = Duration.ofSeconds(240);

    /** Takes the java.io path: not a fast-path value. */
    record Box(byte[] data) implements Serializable {
    }

    static long checksum(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }

    static Integer triple(Integer x) {
        return x * 3;
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static com.sun.management.ThreadMXBean threads() {
        return (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    }

    @Test
    void shouldDeliverALargeApplyArgumentIntactHoldingOneCopy() throws Exception {
        byte[] data = randomBytes(SIZE, 42);
        try (Pool pool = new Pool(1)) {
            // the worker is ready: apply() itself writes the task to it
            assertThat(pool.apply(PoolLargeArgumentTest::triple, 1)).isEqualTo(3);
            long before = threads().getCurrentThreadAllocatedBytes();
            long crc = pool.apply(PoolLargeArgumentTest::checksum, data);
            long allocated = threads().getCurrentThreadAllocatedBytes() - before;
            assertThat(crc).isEqualTo(checksum(data));
            assertThat(allocated).as("bytes allocated by apply() for a %d-byte argument", SIZE)
                    .isLessThan(2L * SIZE);
            assertThat(pool.apply(PoolLargeArgumentTest::triple, 5)).as("a small task after the large one")
                    .isEqualTo(15);
        }
    }

    @Test
    void shouldDeliverALargeSerializedArgumentIntact() throws Exception {
        byte[] data = randomBytes(SIZE, 7);
        try (Pool pool = new Pool(1)) {
            long before = threads().getCurrentThreadAllocatedBytes();
            long crc = pool.apply((Box b) -> checksum(b.data()), new Box(data));
            long allocated = threads().getCurrentThreadAllocatedBytes() - before;
            assertThat(crc).isEqualTo(checksum(data));
            assertThat(allocated).as("bytes allocated by apply() for a %d-byte boxed argument", SIZE)
                    .isLessThan(2L * SIZE);
        }
    }

    @Test
    void shouldDeliverALargeTaskToTheExecutorIntactHoldingOneCopy() throws Exception {
        byte[] data = randomBytes(SIZE, 43);
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor(1)) {
            assertThat(executor.submit(() -> 1).get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1);
            long before = threads().getCurrentThreadAllocatedBytes();
            java.util.concurrent.CompletableFuture<Long> f = executor.submit(() -> checksum(data));
            long allocated = threads().getCurrentThreadAllocatedBytes() - before;
            assertThat(f.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(checksum(data));
            assertThat(allocated).as("bytes allocated by submit() for a task capturing %d bytes", SIZE)
                    .isLessThan(2L * SIZE);
        }
    }

    @Test
    void shouldMapOverLargeArraysIntact() throws Exception {
        List<byte[]> inputs = List.of(randomBytes(SIZE / 4, 1), randomBytes(SIZE / 4, 2), randomBytes(SIZE / 4, 3));
        try (Pool pool = new Pool(2)) {
            List<Long> crcs = pool.map(PoolLargeArgumentTest::checksum, inputs, 2);
            assertThat(crcs).containsExactly(checksum(inputs.get(0)), checksum(inputs.get(1)),
                    checksum(inputs.get(2)));
        }
    }

    @Test
    void shouldFailAtTheCallWhenAnArgumentBesideALargeOneCannotBeSerialized() throws Exception {
        List<Object> inputs = List.of(randomBytes(SIZE / 4, 5), new Object());
        try (Pool pool = new Pool(1)) {
            assertThatThrownBy(() -> pool.map((Object x) -> x.hashCode(), inputs, 2))
                    .isInstanceOf(SerializationFailedException.class)
                    .hasMessageContaining("argument 0 of element 1");
            assertThat(pool.apply(PoolLargeArgumentTest::triple, 5)).isEqualTo(15);
        }
    }

    /**
     * The workers are stopped (SIGSTOP), so nothing reads their stdin: a large task must not block its caller or
     * the pool's lock until they read (before, the caller wrote it under the lock and every other call waited).
     */
    @Test
    void shouldNotBlockTheCallerOrThePoolWhileAWorkerIsNotReading() throws Exception {
        byte[] data = randomBytes(SIZE, 45);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (Pool pool = new Pool(2)) {
            assertThat(pool.map(PoolLargeArgumentTest::triple, List.of(1, 2), 1)).containsExactly(3, 6);
            List<Long> pids = pool.workerPids();
            signal("-STOP", pids);
            try {
                Future<AsyncResult<Long>> big = callers.submit(() -> pool.applyAsync(PoolLargeArgumentTest::checksum,
                        data));
                AsyncResult<Long> bigResult = big.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                Future<AsyncResult<Integer>> small = callers.submit(() -> pool.applyAsync(
                        PoolLargeArgumentTest::triple, 7));
                AsyncResult<Integer> smallResult = small.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                signal("-CONT", pids);
                assertThat(bigResult.get(WAIT)).isEqualTo(checksum(data));
                assertThat(smallResult.get(WAIT)).isEqualTo(21);
            } finally {
                signal("-CONT", pids);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    private static void signal(String signal, List<Long> pids) throws Exception {
        for (long pid : pids) {
            assertThat(new ProcessBuilder("kill", signal, Long.toString(pid)).start().waitFor()).isZero();
        }
    }

    @Test
    void shouldFailOnlyTheTaskWhoseWorkerIsKilledWhileReceiving() throws Exception {
        byte[] data = randomBytes(SIZE, 44);
        try (Pool pool = new Pool(1)) {
            assertThat(pool.apply(PoolLargeArgumentTest::triple, 1)).isEqualTo(3);
            long pid = pool.workerPids().get(0);
            AsyncResult<Long> big = pool.applyAsync(PoolLargeArgumentTest::checksum, data);
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            assertThatThrownBy(() -> big.get(WAIT)).isInstanceOf(WorkerDiedException.class);
            assertThat(pool.apply(PoolLargeArgumentTest::triple, 5)).as("the replacement worker runs tasks")
                    .isEqualTo(15);
            assertThat(pool.workerPids()).doesNotContain(pid);
            // the thread that wrote the argument ends with the worker
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Thread.getAllStackTraces().keySet()
                    .stream().noneMatch(t -> t.getName().startsWith("mp4j-stdin-PoolWorker")));
        }
    }
}

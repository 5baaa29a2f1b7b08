package io.github.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.ipc.Connection;
import io.github.multiprocessing4j.ipc.JoinableQueue;
import io.github.multiprocessing4j.ipc.Pipe;
import io.github.multiprocessing4j.ipc.Queue;
import io.github.multiprocessing4j.ipc.QueueEmptyException;
import io.github.multiprocessing4j.pool.AsyncResult;
import io.github.multiprocessing4j.pool.IMapIterator;
import io.github.multiprocessing4j.pool.MapOptions;
import io.github.multiprocessing4j.pool.Pool;
import io.github.multiprocessing4j.pool.ProcessPoolExecutor;
import io.github.multiprocessing4j.shm.Array;
import io.github.multiprocessing4j.shm.SharedMemory;
import io.github.multiprocessing4j.sync.Barrier;
import io.github.multiprocessing4j.sync.Condition;
import io.github.multiprocessing4j.sync.Event;
import io.github.multiprocessing4j.sync.Lock;
import io.github.multiprocessing4j.sync.RLock;
import io.github.multiprocessing4j.sync.Semaphore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public method that takes a {@link Duration} accepts any, up to {@code Duration.ofSeconds(Long.MAX_VALUE)}
 * ("practically forever"), and a tiny one times out; numeric parameters at their extremes fail clearly or work.
 */
class ExtremeArgumentsTest {
    private static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE);
    private static final Duration TINY = Duration.ofNanos(1);
    private static final Duration NEGATIVE = Duration.ofSeconds(Long.MIN_VALUE);

    /** One public class's Duration methods, each called with {@link #FOREVER} where it returns at once. */
    @FunctionalInterface
    interface Case {
        void run() throws Exception;
    }

    static void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    private static final Map<String, Case> CASES = new TreeMap<>(Map.of(
            "Process.join", () -> {
                Process p = new Process(ExtremeArgumentsTest::sleep, 60_000L);
                p.start();
                assertThat(p.join(TINY)).isFalse();
                assertThat(p.join(NEGATIVE)).isFalse();
                p.terminate();
                assertThat(p.join(FOREVER)).isTrue();
                p.close();
            },
            "Event.await", () -> {
                try (Event e = new Event()) {
                    assertThat(e.await(TINY)).isFalse();
                    assertThat(e.await(NEGATIVE)).isFalse();
                    e.set();
                    assertThat(e.await(FOREVER)).isTrue();
                }
            },
            "Lock.acquire, RLock.acquire, Semaphore.acquire", () -> {
                try (Lock lock = new Lock(); RLock rlock = new RLock(); Semaphore none = new Semaphore(0);
                        Semaphore one = new Semaphore(1)) {
                    assertThat(lock.acquire(FOREVER)).isTrue();
                    assertThat(lock.acquire(TINY)).isFalse();
                    assertThat(lock.acquire(NEGATIVE)).isFalse();
                    lock.release();
                    assertThat(rlock.acquire(FOREVER)).isTrue();
                    assertThat(rlock.acquire(FOREVER)).isTrue();
                    rlock.release();
                    rlock.release();
                    assertThat(none.acquire(TINY)).isFalse();
                    assertThat(one.acquire(FOREVER)).isTrue();
                }
            },
            "Condition.await, Condition.waitFor", () -> {
                try (Condition c = new Condition()) {
                    c.acquire();
                    assertThat(c.await(TINY)).isFalse();
                    assertThat(c.waitFor(() -> true, FOREVER)).isTrue();
                    assertThat(c.waitFor(() -> false, TINY)).isFalse();
                    c.release();
                }
            },
            "Barrier(timeout), Barrier.await", () -> {
                try (Barrier b = new Barrier(1, null, FOREVER)) {
                    assertThat(b.await(FOREVER)).isZero();
                    assertThat(b.await(NEGATIVE)).isZero();
                }
            },
            "Queue.put, Queue.get, JoinableQueue.join", () -> {
                try (Queue<String> q = new Queue<>(); JoinableQueue<String> jq = new JoinableQueue<>()) {
                    assertThatThrownBy(() -> q.get(TINY)).isInstanceOf(QueueEmptyException.class);
                    q.put("x", FOREVER);
                    assertThat(q.get(FOREVER)).isEqualTo("x");
                    assertThat(jq.join(FOREVER)).isTrue();
                    jq.put("y");
                    assertThat(jq.join(TINY)).isFalse();
                    jq.get();
                    jq.taskDone();
                }
            },
            "Connection.poll, Connection.wait", () -> {
                try (Pipe pipe = Pipe.open()) {
                    assertThat(pipe.conn1().poll(TINY)).isFalse();
                    assertThat(Connection.wait(List.of(pipe.conn1()), TINY)).isEmpty();
                    pipe.conn2().send(1);
                    assertThat(pipe.conn1().poll(FOREVER)).isTrue();
                    assertThat(Connection.wait(List.of(pipe.conn1()), FOREVER)).containsExactly(pipe.conn1());
                }
            },
            "Pool: AsyncResult.get/await, applyAsync, MapOptions.timeout, taskTimeout, next, join", () -> {
                Pool pool = Pool.builder().processes(1).taskTimeout(FOREVER).build();
                try {
                    AsyncResult<Integer> r = pool.applyAsync(() -> 7, FOREVER);
                    assertThat(r.get(FOREVER)).isEqualTo(7);
                    assertThat(r.await(FOREVER)).isTrue();
                    AsyncResult<Integer> slow = pool.applyAsync(() -> {
                        Thread.sleep(2_000);
                        return 1;
                    });
                    assertThatThrownBy(() -> slow.get(TINY)).isInstanceOf(TimeoutException.class);
                    assertThat(slow.await(NEGATIVE)).isFalse();
                    assertThat(pool.map((Integer x) -> x + 1, List.of(1, 2, 3), MapOptions.defaults()
                            .timeout(FOREVER))).containsExactly(2, 3, 4);
                    try (IMapIterator<Integer> it = pool.imap((Integer x) -> x * 2, List.of(1, 2),
                            MapOptions.defaults().timeout(FOREVER))) {
                        assertThat(it.next(FOREVER))
                                .isEqualTo(2);
                    }
                } finally {
                    pool.close();
                }
                assertThat(pool.join(FOREVER)).isTrue();
            }));

    static List<String> cases() {
        return List.copyOf(CASES.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Timeout(120)
    void shouldTakeAnyDurationUpToPracticallyForever(String name) throws Exception {
        CASES.get(name).run();
    }

    @Test
    @Timeout(120)
    void shouldMapAtOnceWithAChunksizeNearIntegerMax() throws Exception {
        try (Pool pool = new Pool(1)) {
            assertThat(pool.map((Integer x) -> x * 10, List.of(1, 2, 3), Integer.MAX_VALUE))
                    .containsExactly(10, 20, 30);
            assertThat(pool.map((Integer x) -> x * 10, List.of(1, 2, 3), Integer.MAX_VALUE - 1))
                    .containsExactly(10, 20, 30);
            try (IMapIterator<Integer> it = pool.imap((Integer x) -> x + 1, List.of(1, 2, 3), Integer.MAX_VALUE)) {
                assertThat(it).toIterable().containsExactly(2, 3, 4);
            }
            try (IMapIterator<Integer> it = pool.imapUnordered((Integer x) -> x + 1, List.of(5), Integer.MAX_VALUE)) {
                assertThat(it).toIterable().containsExactly(6);
            }
            assertThat(pool.map((Integer x) -> x, List.of(1, 2, 3), 2)).containsExactly(1, 2, 3);
        }
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor(1);
                IMapIterator<Integer> it = executor.map((Integer x) -> -x, List.of(1, 2, 3), Integer.MAX_VALUE)) {
            assertThat(it).toIterable().containsExactly(-1, -2, -3);
        }
    }

    @Test
    void shouldRejectNumericParametersOutOfRangeNamingThem() {
        assertThatThrownBy(() -> MapOptions.defaults().chunksize(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunksize must be at least 1: chunksize=0");
        assertThatThrownBy(() -> MapOptions.defaults().timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("timeout must be positive");
        assertThatThrownBy(() -> Pool.builder().processes(Integer.MIN_VALUE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("processes=-2147483648");
        assertThatThrownBy(() -> Pool.builder().maxTasksPerChild(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxTasksPerChild=0");
        assertThatThrownBy(() -> Pipe.open(true, Integer.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pipe capacity too large: capacityBytes=2147483647, max=1073741824");
        assertThatThrownBy(() -> new Queue<String>(0, Integer.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("queue capacity too large: capacityBytes=2147483647, max=1073741824");
        assertThatThrownBy(() -> new Queue<String>(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxsize=-1");
        assertThatThrownBy(() -> Array.ofInt(Integer.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("array too long for one shared memory segment: length=2147483647, max=");
        assertThatThrownBy(() -> SharedMemory.create(Integer.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("shared memory size out of range: size=2147483647");
        assertThatThrownBy(() -> new Semaphore(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("value=-1");
        assertThatThrownBy(() -> new Barrier(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parties=0");
    }
}

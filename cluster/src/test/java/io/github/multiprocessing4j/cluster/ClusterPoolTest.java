package io.github.multiprocessing4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.multiprocessing4j.exception.ChildProcessException;
import io.github.multiprocessing4j.exception.SerializationFailedException;
import io.github.multiprocessing4j.exception.TaskTimeoutException;
import io.github.multiprocessing4j.exception.WorkerDiedException;
import io.github.multiprocessing4j.function.SerializableCallable;
import io.github.multiprocessing4j.pool.AsyncResult;
import java.awt.Point;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One local cluster of 2 nodes for the whole class: nothing here kills a node. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterPoolTest {
    private static LocalCluster cluster;
    private static ClusterPool pool;

    @BeforeAll
    static void start() {
        Leaks.quietHazelcast();
        cluster = LocalCluster.start(2);
        pool = ClusterPool.builder().cluster(cluster).build();
    }

    @AfterAll
    static void stop() {
        try {
            if (pool != null) {
                pool.close();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
        Leaks.assertNoneLeft();
    }

    @Test
    void mapReturnsResultsInOrderFromEveryNode() throws Exception {
        List<Integer> inputs = IntStream.range(0, 500).boxed().collect(Collectors.toList());
        assertThat(pool.map(Tasks::square, inputs))
                .isEqualTo(inputs.stream().map(x -> x * x).collect(Collectors.toList()));
        List<String> nodes = pool.map(Tasks::nodeOf, IntStream.range(0, 40).boxed().collect(Collectors.toList()), 1);
        assertThat(new HashSet<>(nodes)).hasSize(2);
        assertThat(pool.apply(Tasks::square, 12)).isEqualTo(144);
        assertThat(pool.nodes()).isEqualTo(2);
    }

    @Test
    void aTaskThatKillsItsWorkerFailsWithWorkerDiedAndTheNodeLives() throws Exception {
        assertThatThrownBy(() -> pool.apply(Tasks::halt, 1)).isInstanceOf(WorkerDiedException.class);
        assertThat(pool.inputsRunAgain()).isZero();
        assertThat(pool.apply(Tasks::square, 3)).isEqualTo(9);
        assertThat(cluster.nodes()).allMatch(io.github.multiprocessing4j.Process::isAlive);
    }

    @Test
    void aTaskExceptionKeepsTheWorkersFrames() {
        assertThatThrownBy(() -> pool.apply(x -> Integer.parseInt("x" + x), 1))
                .isInstanceOf(ChildProcessException.class)
                .cause().isInstanceOf(NumberFormatException.class)
                .satisfies(e -> assertThat(e.getStackTrace()).anyMatch(f -> f.getClassName().equals("java.lang.Integer")));
    }

    @Test
    void theTaskTimeoutKillsTheWorkerOnItsNode(@TempDir Path dir) throws Exception {
        String marks = dir.toString();
        try (ClusterPool limited = ClusterPool.builder().cluster(cluster).taskTimeout(Duration.ofSeconds(2))
                .build()) {
            assertThatThrownBy(() -> limited.apply(x -> Tasks.markAndSleep(marks, x, 120_000), 1))
                    .isInstanceOf(TaskTimeoutException.class);
        }
        long worker = Tasks.marked(dir).get(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> ProcessHandle.of(worker).isEmpty());
    }

    @Test
    void cancelWithInterruptionKillsTheWorkerOnItsNode(@TempDir Path dir) throws Exception {
        String marks = dir.toString();
        AsyncResult<Integer> result = pool.applyAsync(x -> Tasks.markAndSleep(marks, x, 120_000), 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> !Tasks.marked(dir).isEmpty());
        long worker = Tasks.marked(dir).get(0);
        assertThat(result.cancel(true)).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> ProcessHandle.of(worker).isEmpty());
        assertThat(pool.apply(Tasks::square, 5)).isEqualTo(25);
    }

    @Test
    void aNodeRefusesAClassOutsideItsAllowList() {
        assertThatThrownBy(() -> pool.apply(p -> p.x, new Point(1, 2)))
                .isInstanceOf(SerializationFailedException.class)
                .hasMessageContaining("refused")
                .hasMessageContaining("java.awt.Point");
    }

    @Test
    void aClassMissingOnTheNodesIsNamedWithTheNode(@TempDir Path dir) throws Exception {
        Object function = MissingClasses.compileAndLoad(dir);
        assertThatThrownBy(() -> pool.apply(MissingClasses.asFunction(function), 7))
                .isInstanceOf(MissingClassException.class)
                .hasMessageContaining(MissingClasses.NAME)
                .hasMessageContaining("127.0.0.1");
        assertThat(Files.exists(dir)).isTrue();
    }

    @Test
    void theExecutorRunsSerializableTasks() throws Exception {
        ClusterExecutor executor = new ClusterExecutor(pool);
        CompletableFuture<Integer> future = executor.submit(() -> Tasks.square(9));
        assertThat(future.get(60, TimeUnit.SECONDS)).isEqualTo(81);
        SerializableCallable<Integer> one = () -> 1;
        SerializableCallable<Integer> two = () -> 2;
        assertThat(executor.invokeAll(List.<java.util.concurrent.Callable<Integer>>of(one, two)).get(1).get())
                .isEqualTo(2);
        assertThatThrownBy(() -> executor.submit((java.util.concurrent.Callable<Integer>) () -> 1))
                .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
        executor.shutdown();
        assertThat(executor.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aQueueAndADictAreSharedThroughTheCluster() throws Exception {
        ClusterQueue<Object> queue = pool.queue("q-" + System.nanoTime());
        queue.put(1);
        queue.put("two");
        queue.putNowait(List.of(3L));
        assertThat(queue.qsize()).isEqualTo(3);
        assertThat(queue.get()).isEqualTo(1);
        assertThat(queue.get(Duration.ofSeconds(5))).isEqualTo("two");
        assertThat(queue.getNowait()).isEqualTo(List.of(3L));
        assertThatThrownBy(queue::getNowait).isInstanceOf(io.github.multiprocessing4j.ipc.QueueEmptyException.class);
        assertThatThrownBy(() -> queue.get(Duration.ofMillis(100)))
                .isInstanceOf(io.github.multiprocessing4j.ipc.QueueEmptyException.class);

        ClusterDict<String, Integer> dict = pool.dict("d-" + System.nanoTime());
        assertThat(dict.put("a", 1)).isNull();
        assertThat(dict.put("a", 2)).isEqualTo(1);
        assertThat(dict.putIfAbsent("a", 3)).isEqualTo(2);
        assertThat(dict.get("a")).isEqualTo(2);
        assertThat(dict.keys()).containsExactly("a");
        assertThat(dict.remove("a")).isEqualTo(2);
        assertThat(dict.containsKey("a")).isFalse();
    }

    @Test
    void aLockHeldByAProgramThatIsKilledIsReleasedWithinSeconds(@TempDir Path dir) throws Exception {
        ClusterLock lock = pool.lock("shared");
        Path marker = dir.resolve("held");
        io.github.multiprocessing4j.Process holder = new io.github.multiprocessing4j.Process(LockHolder::holdForever,
                cluster.name(), String.join(",", cluster.addresses()), marker.toString());
        holder.start();
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(marker));
            assertThat(lock.isLocked()).isTrue();
            assertThat(lock.tryAcquire()).isFalse();
            holder.kill();
            holder.join(Duration.ofSeconds(30));
            long start = System.nanoTime();
            assertThat(lock.acquire(Duration.ofSeconds(60))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(40));
            try (ClusterLock.Held again = lock.hold()) {
                assertThat(lock.isLocked()).isTrue(); // reentrant for its holder thread
            }
            lock.release();
            assertThat(lock.isLocked()).isFalse();
        } finally {
            holder.kill();
            holder.join(Duration.ofSeconds(30));
            holder.close();
        }
    }

    @Test
    void anEventAndALongValueAreSharedThroughTheCluster() throws Exception {
        String suffix = Long.toString(System.nanoTime());
        ClusterEvent event = pool.event("e-" + suffix);
        assertThat(event.isSet()).isFalse();
        assertThat(event.await(Duration.ofMillis(100))).isFalse();
        event.set();
        assertThat(event.await(Duration.ofSeconds(10))).isTrue();
        event.clear();
        assertThat(event.isSet()).isFalse();

        ClusterLongValue counter = pool.longValue("v-" + suffix);
        assertThat(counter.get()).isZero();
        List<CompletableFuture<Void>> adders = IntStream.range(0, 4).mapToObj(i -> CompletableFuture.runAsync(() -> {
            for (int j = 0; j < 25; j++) {
                counter.addAndGet(1);
            }
        })).collect(Collectors.toList());
        CompletableFuture.allOf(adders.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertThat(counter.get()).isEqualTo(100);
        assertThat(counter.compareAndSet(100, 7)).isTrue();
        assertThat(counter.compareAndSet(100, 8)).isFalse();
        assertThat(counter.get()).isEqualTo(7);
    }
}

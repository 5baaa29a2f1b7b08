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
import io.github.multiprocessing4j.pool.TaskPool;
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

    @Test
    void aJoinableQueueCountsUnfinishedItems() throws Exception {
        ClusterJoinableQueue<String> queue = pool.joinableQueue("jq-" + System.nanoTime());
        queue.put("a");
        queue.putNowait("b");
        assertThat(queue.unfinished()).isEqualTo(2);
        assertThat(queue.join(Duration.ofMillis(100))).isFalse();
        CompletableFuture<Void> consumer = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < 2; i++) {
                    queue.get(Duration.ofSeconds(30));
                    queue.taskDone();
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(queue.join(Duration.ofSeconds(60))).isTrue();
        consumer.get(60, TimeUnit.SECONDS);
        assertThat(queue.empty()).isTrue();
        assertThatThrownBy(queue::taskDone).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("more times than items were put");
    }

    @Test
    void aListIsSharedThroughTheCluster() {
        String name = "l-" + System.nanoTime();
        List<Object> list = pool.list(name);
        list.add("b");
        list.add(0, 1);
        list.add(List.of(3L));
        assertThat(list.size()).isEqualTo(3);
        assertThat(list.set(1, "B")).isEqualTo("b");
        assertThat(pool.<Object>list(name).get(1)).isEqualTo("B");
        assertThat(list).containsExactly(1, "B", List.of(3L));
        assertThat(list.remove(0)).isEqualTo(1);
        assertThat(pool.<Object>list(name).snapshot()).containsExactly("B", List.of(3L));
        assertThatThrownBy(() -> list.get(5)).isInstanceOf(IndexOutOfBoundsException.class);
        list.clear();
        assertThat(list).isEmpty();
    }

    @Test
    void aSemaphoreLimitsItsHoldersAcrossTheCluster() throws Exception {
        String name = "s-" + System.nanoTime();
        ClusterSemaphore semaphore = pool.semaphore(name, 2);
        assertThat(semaphore.tryAcquire()).isTrue();
        assertThat(pool.semaphore(name, 5).tryAcquire()).isTrue(); // the same semaphore: its value stays 2
        assertThat(semaphore.getValue()).isZero();
        assertThat(semaphore.acquire(Duration.ofMillis(100))).isFalse();
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return semaphore.acquire(Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        semaphore.release();
        assertThat(waiter.get(60, TimeUnit.SECONDS)).isTrue();
        assertThat(semaphore.getValue()).isZero();
        semaphore.release();
        semaphore.release();
        assertThat(semaphore.getValue()).isEqualTo(2);
        assertThatThrownBy(() -> pool.semaphore(name, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aValueOfAnyCodecTypeIsSharedWithCompareAndSetByEquals() {
        String name = "o-" + System.nanoTime();
        ClusterValue<List<String>> value = pool.value(name);
        assertThat(value.get()).isNull();
        assertThat(value.compareAndSet(null, List.of("a"))).isTrue();
        assertThat(pool.<List<String>>value(name).get()).isEqualTo(List.of("a"));
        assertThat(value.compareAndSet(List.of("x"), List.of("b"))).isFalse();
        assertThat(value.compareAndSet(new java.util.ArrayList<>(List.of("a")), List.of("b", "c"))).isTrue();
        assertThat(value.get()).containsExactly("b", "c");
        value.set(null);
        assertThat(value.get()).isNull();
    }

    @Test
    void codeWrittenAgainstTaskPoolRunsOnTheClusterAndOnALocalPool() throws Exception {
        try (io.github.multiprocessing4j.pool.Pool local = new io.github.multiprocessing4j.pool.Pool(1)) {
            for (TaskPool any : List.<TaskPool>of(pool, local)) {
                assertThat(sumOfSquares(any, 100)).as(any.getClass().getSimpleName()).isEqualTo(328_350L);
            }
        }
    }

    /** Written once against the interface. */
    private static long sumOfSquares(TaskPool any, int n) throws Exception {
        List<Integer> inputs = IntStream.range(0, n).boxed().collect(Collectors.toList());
        long sum = 0;
        for (int square : any.map(Tasks::square, inputs, 10)) {
            sum += square;
        }
        assertThat(any.mapAsync(Tasks::square, inputs).get(Duration.ofSeconds(60))).hasSize(n);
        assertThat(any.apply(Tasks::square, 7)).isEqualTo(49);
        assertThat(any.applyAsync(() -> Tasks.square(8)).get(Duration.ofSeconds(60))).isEqualTo(64);
        return sum;
    }
}

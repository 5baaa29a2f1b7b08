package io.github.multiprocessing4j.pool;

import io.github.multiprocessing4j.exception.WorkerDiedException;
import io.github.multiprocessing4j.function.SerializableCallable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.exception.ChildProcessException;
import io.github.multiprocessing4j.exception.SerializationFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessPoolExecutorTest {
    static final class NotSerializable {
    }

    @Test
    void shouldRunSubmittedTasksInWorkers() throws Exception {
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor(2)) {
            CompletableFuture<Long> pid = executor.submit(() -> ProcessHandle.current().pid());
            assertThat(pid.get(30, TimeUnit.SECONDS)).isNotEqualTo(ProcessHandle.current().pid());
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = i;
                tasks.add((SerializableCallable<Integer>) () -> n * n);
            }
            List<Integer> squares = new ArrayList<>();
            for (Future<Integer> f : executor.invokeAll(tasks)) {
                squares.add(f.get());
            }
            assertThat(squares).containsExactly(0, 1, 4, 9, 16, 25, 36, 49, 64, 81);
            assertThat(executor.invokeAny(tasks)).isBetween(0, 81);
            List<Integer> mapped = new ArrayList<>();
            executor.map((Integer x) -> x + 1, List.of(1, 2, 3)).forEachRemaining(mapped::add);
            assertThat(mapped).containsExactly(2, 3, 4);
        }
    }

    @Test
    void shouldRunSerializableRunnablesAndCancelOnInvokeAllTimeout() throws Exception {
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor(1)) {
            Runnable hello = (Runnable & java.io.Serializable) () -> System.setProperty("mp4j.test.ran", "yes");
            assertThat(executor.submit(hello, "done").get(30, TimeUnit.SECONDS)).isEqualTo("done");
            List<Callable<Integer>> slow = List.of((SerializableCallable<Integer>) () -> {
                Thread.sleep(60_000);
                return 1;
            });
            List<Future<Integer>> futures = executor.invokeAll(slow, 200, TimeUnit.MILLISECONDS);
            assertThat(futures.get(0).isCancelled()).isTrue();
            assertThat(executor.submit(() -> 2).get(30, TimeUnit.SECONDS)).isEqualTo(2);
        }
    }

    @Test
    void shouldFailOnlyTheTaskOfADeadWorkerAndGoOn() throws Exception {
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor(2)) {
            CompletableFuture<Integer> dies = executor.submit(() -> {
                Runtime.getRuntime().halt(9);
                return 0;
            });
            assertThatThrownBy(() -> dies.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(WorkerDiedException.class).hasMessageContaining("exitcode=9");
            assertThat(executor.submit(() -> 5).get(30, TimeUnit.SECONDS)).isEqualTo(5);
        }
    }

    @Test
    void shouldCarryATaskExceptionInExecutionException() {
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor(1)) {
            CompletableFuture<Integer> f = executor.submit(() -> Integer.parseInt("x"));
            assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ChildProcessException.class)
                    .cause().isInstanceOf(NumberFormatException.class);
        }
    }

    @Test
    void shouldRefuseAnUnserializableTaskAtSubmit() {
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor(1)) {
            NotSerializable captured = new NotSerializable();
            assertThatThrownBy(() -> executor.submit(() -> captured.hashCode()))
                    .isInstanceOf(RejectedExecutionException.class)
                    .hasMessageContaining("captured value #0")
                    .hasMessageContaining(NotSerializable.class.getName())
                    .cause().isInstanceOf(SerializationFailedException.class);
            Callable<Integer> plain = new Callable<>() {
                @Override
                public Integer call() {
                    return 1;
                }
            };
            assertThatThrownBy(() -> executor.submit(plain)).isInstanceOf(RejectedExecutionException.class)
                    .hasMessageContaining("does not implement java.io.Serializable")
                    .hasMessageContaining("executor.submit((Callable<T> & Serializable) () -> ...)");
            Runnable plainRunnable = () -> { };
            assertThatThrownBy(() -> executor.execute(plainRunnable)).isInstanceOf(RejectedExecutionException.class)
                    .hasMessageContaining("(Runnable & Serializable) () -> ...");
            assertThatThrownBy(() -> CompletableFuture.supplyAsync(() -> 1, executor))
                    .isInstanceOf(RejectedExecutionException.class)
                    .hasMessageContaining("CompletableFuture.supplyAsync/runAsync cannot use this executor")
                    .hasMessageContaining("executor.submit((SerializableCallable<T>) () -> ...)");
        }
    }

    @Test
    void shouldRejectAfterShutdownAndCancelOnShutdownNow() throws Exception {
        ProcessPoolExecutor executor = new ProcessPoolExecutor(1);
        CompletableFuture<Integer> running = executor.submit(() -> {
            Thread.sleep(60_000);
            return 1;
        });
        CompletableFuture<Integer> queued = executor.submit(() -> 2);
        List<Runnable> neverRan = executor.shutdownNow();
        assertThat(neverRan).hasSizeLessThanOrEqualTo(2); // 2 when the worker was still starting
        assertThat(running.isCancelled()).isTrue();
        assertThat(queued.isCancelled()).isTrue();
        assertThatThrownBy(() -> executor.submit(() -> 3)).isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("pool is not running: state=terminated");
        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(executor.isTerminated()).isTrue();
    }
}

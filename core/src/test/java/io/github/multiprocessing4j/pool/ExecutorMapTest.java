package io.github.multiprocessing4j.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.LeakCheck;
import io.github.multiprocessing4j.exception.ChildProcessException;
import io.github.multiprocessing4j.function.SerializableFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ProcessPoolExecutor#map}. Python: {@code Executor.map} submits every task when called (they run even if
 * the iterator is never consumed); {@code timeout} counts from the call ({@code end_time = timeout +
 * time.monotonic()}); an exception from a result ends the generator, which cancels the futures left.
 */
@ExtendWith(LeakCheck.class)
class ExecutorMapTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("map submits every task at the call: they run though the iterator is never read (Python: the same)")
    void submitsAtTheCall() throws Exception {
        String base = dir.toString();
        SerializableFunction<Integer, Integer> mark = x -> {
            Files.writeString(Path.of(base, "ran-" + x), "x");
            return x;
        };
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor(2)) {
            IMapIterator<Integer> never = executor.map(mark, List.of(0, 1, 2, 3, 4));
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> countRan() == 5);
            assertThat(never).isNotNull();
        }
    }

    private long countRan() throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("ran-")).count();
        }
    }

    @Test
    @DisplayName("the timeout counts from the call, not from next() (Python: TimeoutError once timeout has passed"
            + " since map was called)")
    void timeoutFromTheCall() throws Exception {
        ProcessPoolExecutor executor = new ProcessPoolExecutor(1);
        try {
            SerializableFunction<Integer, Integer> slow = x -> {
                Thread.sleep(120_000);
                return x;
            };
            IMapIterator<Integer> results = executor.map(slow, List.of(1, 2), 1, Duration.ofSeconds(1));
            Thread.sleep(1_500); // the caller does other work; the deadline passes meanwhile
            long start = System.nanoTime();
            assertThatThrownBy(results::next).isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(TimeoutException.class)
                    .hasMessageContaining("from the call");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
            assertThat(results.hasNext()).isFalse();
        } finally {
            executor.shutdownNow();
            assertThat(executor.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    @DisplayName("results in input order; an element's exception ends the iteration (Python: the generator raises"
            + " and cancels the futures left)")
    void exceptionEndsIteration() throws Exception {
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor(2)) {
            SerializableFunction<Integer, Integer> f = x -> 10 / (x - 2);
            IMapIterator<Integer> results = executor.map(f, List.of(0, 1, 2, 3), 1);
            assertThat(results.next()).isEqualTo(-5);
            assertThat(results.next()).isEqualTo(-10);
            assertThatThrownBy(results::next).isInstanceOf(ChildProcessException.class)
                    .hasRootCauseInstanceOf(ArithmeticException.class);
            assertThat(results.hasNext()).isFalse();
            assertThatThrownBy(results::next).isInstanceOf(NoSuchElementException.class);
            List<Integer> all = new java.util.ArrayList<>();
            executor.map((Integer x) -> x * x, List.of(1, 2, 3, 4, 5), 2).forEachRemaining(all::add);
            assertThat(all).containsExactly(1, 4, 9, 16, 25);
        }
    }
}

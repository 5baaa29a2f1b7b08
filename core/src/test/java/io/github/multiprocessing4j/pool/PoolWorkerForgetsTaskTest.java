package io.github.multiprocessing4j.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessing4j.LeakCheck;
import io.github.multiprocessing4j.function.SerializableCallable;
import io.github.multiprocessing4j.function.SerializableFunction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker keeps nothing of a task once it has ended. Python: the worker drops its references to the task, its
 * arguments and its result after each task ({@code task = job = result = func = args = kwds = None} in
 * {@code multiprocessing.pool.worker}), so what the function captured can be collected.
 *
 * <p>The check runs in the worker while it is idle, before any other task reaches it (a later task could itself
 * displace what the worker held): the task starts a thread there that holds only a weak reference to what the
 * lambda captured, collects garbage up to a bound, and writes its verdict to a file the test waits for.
 */
@ExtendWith(LeakCheck.class)
class PoolWorkerForgetsTaskTest {
    @TempDir
    Path dir;

    /** Runs in a worker JVM: watches whether {@code captured} becomes garbage and writes the verdict. */
    static final class Probe {
        private Probe() {
        }

        static void watch(Object captured, String verdictFile) {
            WeakReference<Object> ref = new WeakReference<>(captured);
            Thread t = new Thread(() -> {
                for (int i = 0; i < 100 && ref.get() != null; i++) {
                    System.gc();
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                try {
                    Files.writeString(Path.of(verdictFile), ref.get() == null ? "collected" : "alive");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "probe");
            t.setDaemon(true);
            t.start();
        }
    }

    private static String verdict(Path file) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(file) && Files.size(file) > 0);
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A function that captured {@code big}; element {@code watched} starts the probe, writing to file + x. */
    private static SerializableFunction<Integer, Integer> capturing(byte[] big, String file, int... watched) {
        return x -> {
            for (int w : watched) {
                if (w == x) {
                    Probe.watch(big, file + x);
                }
            }
            return big.length + x;
        };
    }

    @Test
    @DisplayName("apply: what a task's lambda captured is collectible in the idle worker once the task has ended")
    void applyLeavesNothing() throws Exception {
        try (Pool pool = new Pool(1)) {
            byte[] big = new byte[8 << 20];
            String file = dir.resolve("apply").toString();
            SerializableCallable<Integer> task = () -> {
                Probe.watch(big, file);
                return big.length;
            };
            assertThat(pool.apply(task)).isEqualTo(8 << 20);
            assertThat(verdict(Path.of(file))).isEqualTo("collected");
        }
    }

    @Test
    @DisplayName("map: the function is decoded once per worker per map and dropped when the map ends")
    void mapLeavesNothing() throws Exception {
        try (Pool pool = new Pool(1)) {
            String file = dir.resolve("map").toString();
            assertThat(pool.map(capturing(new byte[4 << 20], file, 5), List.of(0, 1, 2, 3, 4, 5), 1)).hasSize(6);
            assertThat(verdict(Path.of(file + 5))).isEqualTo("collected");
        }
    }

    @Test
    @DisplayName("map over two workers: the worker whose chunk was not followed by another of its map drops the"
            + " function too (it is told to when it goes idle)")
    void mapOverTwoWorkersLeavesNothing() throws Exception {
        try (Pool pool = new Pool(2)) {
            // both workers ready: two concurrent tasks run on two pids
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> {
                AsyncResult<Long> a = pool.applyAsync(PoolWorkerForgetsTaskTest::slowPid);
                AsyncResult<Long> b = pool.applyAsync(PoolWorkerForgetsTaskTest::slowPid);
                return !a.get().equals(b.get());
            });
            String file = dir.resolve("two").toString();
            // two units at once go to the two idle workers, one each; the first is sent with "keep"
            assertThat(pool.map(capturing(new byte[4 << 20], file, 0, 1), List.of(0, 1), 1)).hasSize(2);
            assertThat(verdict(Path.of(file + 0))).isEqualTo("collected");
            assertThat(verdict(Path.of(file + 1))).isEqualTo("collected");
        }
    }

    private static long slowPid() throws InterruptedException {
        Thread.sleep(300);
        return ProcessHandle.current().pid();
    }
}

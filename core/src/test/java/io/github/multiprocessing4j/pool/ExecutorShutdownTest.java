package io.github.multiprocessing4j.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.LeakCheck;
import io.github.multiprocessing4j.function.SerializableCallable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link ProcessPoolExecutor#shutdown(boolean, boolean)}. Python 3.9+: {@code shutdown(wait=True, *,
 * cancel_futures=False)}; {@code cancel_futures} cancels the futures that have not started, running ones finish;
 * {@code wait=False} returns at once; submit after it raises {@code RuntimeError}.
 */
@ExtendWith(LeakCheck.class)
class ExecutorShutdownTest {
    private static final SerializableCallable<String> SLOW = () -> {
        Thread.sleep(5_000);
        return "slow";
    };

    @Test
    @DisplayName("shutdown(wait=false, cancelFutures=true): returns at once, queued tasks cancelled, the running"
            + " one finishes (Python: the same)")
    void cancelFuturesWithoutWaiting() throws Exception {
        ProcessPoolExecutor executor = new ProcessPoolExecutor(1);
        // a task of over 200 us leaves the worker "slow": then at most one task waits in its pipe
        assertThat(executor.submit(() -> {
            Thread.sleep(5);
            return 0;
        }).get(120, TimeUnit.SECONDS)).isZero();
        CompletableFuture<String> running = executor.submit(SLOW);
        List<CompletableFuture<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            queued.add(executor.submit(() -> n));
        }
        executor.shutdown(false, true);
        assertThat(running).isNotDone();
        assertThatThrownBy(() -> executor.submit(() -> 9)).isInstanceOf(RejectedExecutionException.class);
        assertThat(running.get(60, TimeUnit.SECONDS)).isEqualTo("slow");
        // the first queued one may already be in the worker's pipe (Python: in its call queue) and run
        int cancelled = 0;
        for (int i = 0; i < queued.size(); i++) {
            CompletableFuture<Integer> f = queued.get(i);
            if (f.isCancelled()) {
                cancelled++;
                assertThatThrownBy(f::join).isInstanceOf(CancellationException.class);
            } else {
                assertThat(i).isZero();
                assertThat(f.get(60, TimeUnit.SECONDS)).isZero();
            }
        }
        assertThat(cancelled).isGreaterThanOrEqualTo(4);
        assertThat(executor.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    @DisplayName("shutdown(wait=true, cancelFutures=false): every task runs, then it returns terminated"
            + " (Python: the same; Java's close() is this)")
    void waitRunsEverything() throws Exception {
        ProcessPoolExecutor executor = new ProcessPoolExecutor(2);
        CompletableFuture<String> slow = executor.submit(SLOW);
        List<CompletableFuture<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            queued.add(executor.submit(() -> n * 2));
        }
        executor.shutdown(true, false);
        assertThat(executor.isTerminated()).isTrue();
        assertThat(slow).isCompletedWithValue("slow");
        for (int i = 0; i < queued.size(); i++) {
            assertThat(queued.get(i)).isCompletedWithValue(i * 2);
        }
        assertThat(executor.workerPids()).isEmpty();
    }
}

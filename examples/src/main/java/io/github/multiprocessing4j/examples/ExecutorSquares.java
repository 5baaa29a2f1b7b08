package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.Multiprocessing;
import io.github.multiprocessing4j.pool.ProcessPoolExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Example {@code executor}: a {@link ProcessPoolExecutor}, Python's {@code concurrent.futures} twin. One task is
 * submitted and its future awaited; then a function is mapped over a list, results in input order.
 */
final class ExecutorSquares {
    private ExecutorSquares() {
    }

    static void run() throws Exception {
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor(2)) {
            CompletableFuture<Long> pid = executor.submit(() -> ProcessHandle.current().pid());
            boolean elsewhere = pid.get(60, TimeUnit.SECONDS) != Multiprocessing.getPid();
            System.out.println("the task ran in another process: " + elsewhere);

            List<Integer> squares = new ArrayList<>();
            executor.map((Integer x) -> x * x, List.of(0, 1, 2, 3, 4)).forEachRemaining(squares::add);
            System.out.println("squares=" + squares);
        }
    }
}

package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.pool.MapOptions;
import io.github.multiprocessing4j.pool.Pool;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Example {@code pool}: map x*x over 0..9999 on a pool, with a progress bar on stderr; prints the sum. */
final class PoolSquares {
    private PoolSquares() {
    }

    static void run() throws InterruptedException {
        List<Integer> inputs = IntStream.range(0, 10_000).boxed().collect(Collectors.toList());
        try (Pool pool = new Pool()) {
            List<Integer> squares = pool.map(x -> x * x, inputs, MapOptions.defaults().progressBar());
            long sum = squares.stream().mapToLong(Integer::longValue).sum();
            System.out.println("sum=" + sum);
        }
    }
}

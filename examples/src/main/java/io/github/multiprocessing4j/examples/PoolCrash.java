package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.pool.AsyncResult;
import io.github.multiprocessing4j.pool.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Example {@code pool-crash}: 100 tasks at once, where task 37 kills its own worker; only that task fails, the pool
 * replaces the worker and the 99 others succeed.
 */
final class PoolCrash {
    private PoolCrash() {
    }

    static int task(int i) {
        if (i == 37) {
            Runtime.getRuntime().halt(3);
        }
        return i * 2;
    }

    static void run() throws Exception {
        int succeeded = 0;
        int failed = 0;
        try (Pool pool = new Pool(2)) {
            List<AsyncResult<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                results.add(pool.applyAsync(PoolCrash::task, i));
            }
            for (int i = 0; i < results.size(); i++) {
                try {
                    results.get(i).get(Duration.ofSeconds(60));
                    succeeded++;
                } catch (RuntimeException e) {
                    failed++;
                    System.out.println("task " + i + " failed: " + e);
                }
            }
        }
        System.out.println("succeeded=" + succeeded + " failed=" + failed);
    }
}

package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.pool.Pool;
import io.github.multiprocessing4j.exception.TaskTimeoutException;
import java.time.Duration;

/**
 * Example {@code pool-timeout}: a task that loops forever is stopped by its 1-second timeout (its worker is killed
 * and replaced), then an ordinary task runs on the same pool.
 */
final class PoolTimeout {
    private PoolTimeout() {
    }

    static int forever() {
        long n = 0;
        while (n >= 0) {
            n = (n + 1) % 1_000_000;
        }
        return -1;
    }

    static void run() throws Exception {
        try (Pool pool = new Pool(1)) {
            try {
                pool.applyAsync(PoolTimeout::forever, Duration.ofSeconds(1)).get(Duration.ofSeconds(60));
            } catch (TaskTimeoutException e) {
                System.out.println(e);
            }
            int answer = pool.apply(() -> 6 * 7);
            System.out.println("second task: " + answer);
        }
    }
}

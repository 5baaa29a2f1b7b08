package io.github.multiprocessing4j.pool;

import io.github.multiprocessing4j.Process;
import java.util.List;

/**
 * Fixture for {@link PoolParentDeathTest}: a JVM that owns a pool of two workers, one of them busy in a task that
 * started a process of its own. Prints {@code pids W1 W2 G} (workers, grandchild), then waits to be killed.
 */
public final class PoolOwnerMain {
    private PoolOwnerMain() {
    }

    static void sleepLong() throws InterruptedException {
        Thread.sleep(600_000);
    }

    static long startGrandchildAndHang() throws Exception {
        Process p = new Process(PoolOwnerMain::sleepLong);
        p.start();
        System.out.println("grandchild " + p.pid());
        System.out.flush();
        Thread.sleep(600_000);
        return p.pid();
    }

    /**
     * Runs the fixture.
     *
     * @param args unused
     * @throws Exception never expected
     */
    public static void main(String[] args) throws Exception {
        Pool pool = new Pool(2);
        List<Long> workers = pool.workerPids();
        pool.applyAsync(PoolOwnerMain::startGrandchildAndHang);
        System.out.println("pids " + workers.get(0) + " " + workers.get(1));
        System.out.flush();
        Thread.sleep(600_000);
    }
}

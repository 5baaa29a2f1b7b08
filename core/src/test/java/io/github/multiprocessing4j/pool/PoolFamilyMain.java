package io.github.multiprocessing4j.pool;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.internal.runtime.JvmRuntime;

/**
 * Fixture for {@link PoolParentDeathTest}: a JVM with children of every kind, for a test that SIGKILLs it. Its pool
 * has two workers (warm ones, taken from spares, when there are ready spares), one busy in a long task and one
 * idle; it also has a daemon process, a non-daemon process, and its spare JVMs. Each child prints {@code KIND PID} when it runs: {@code ready} (a worker's
 * initializer), {@code busy} (the long task), {@code daemon}, {@code nondaemon}; then this JVM prints
 * {@code spares PID...} and waits to be killed.
 */
public final class PoolFamilyMain {
    private PoolFamilyMain() {
    }

    static void announce(String kind) {
        System.out.println(kind + " " + ProcessHandle.current().pid());
        System.out.flush();
    }

    static void ready() {
        announce("ready");
    }

    static int busy() throws InterruptedException {
        announce("busy");
        Thread.sleep(600_000);
        return 0;
    }

    static void daemon() throws InterruptedException {
        announce("daemon");
        Thread.sleep(600_000);
    }

    static void nonDaemon() throws InterruptedException {
        announce("nondaemon");
        Thread.sleep(600_000);
    }

    private static void awaitReadySpare() throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (JvmRuntime.get().snapshot().readySpares().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /**
     * Runs the fixture.
     *
     * @param args unused
     * @throws Exception never expected
     */
    public static void main(String[] args) throws Exception {
        new Process(PoolFamilyMain::daemon).setDaemon(true).start();
        new Process(PoolFamilyMain::nonDaemon).start();
        awaitReadySpare();
        // the pool takes ready spares as warm workers when there are some, and fresh JVMs otherwise
        Pool pool = Pool.builder().processes(2).initializer(PoolFamilyMain::ready).build();
        pool.applyAsync(PoolFamilyMain::busy);
        awaitReadySpare();
        StringBuilder spares = new StringBuilder("spares");
        for (long pid : JvmRuntime.get().snapshot().spares()) {
            spares.append(' ').append(pid);
        }
        System.out.println(spares);
        System.out.flush();
        Thread.sleep(600_000);
    }
}

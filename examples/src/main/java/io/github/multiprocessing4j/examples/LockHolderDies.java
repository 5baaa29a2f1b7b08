package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.sync.Event;
import io.github.multiprocessing4j.sync.Lock;
import java.time.Duration;

/**
 * Example {@code lock-holder-dies}: a child takes a shared Lock and is killed with SIGKILL while holding
 * it; the main process still gets the lock, and is told the holder died (Python would wait forever).
 */
final class LockHolderDies {
    private LockHolderDies() {
    }

    static void holdForever(Lock lock, Event holding) throws InterruptedException {
        lock.acquire();
        holding.set();
        Thread.sleep(Long.MAX_VALUE);
    }

    static void run() throws InterruptedException {
        try (Lock lock = new Lock(); Event holding = new Event()) {
            Process holder = new Process(LockHolderDies::holdForever, lock, holding);
            holder.start();
            if (!holding.await(Duration.ofSeconds(30))) {
                throw new IllegalStateException("the child did not take the lock in time: pid=" + holder.pid());
            }
            System.out.println("child " + holder.pid() + " holds the lock; killing it with SIGKILL");
            holder.kill();
            holder.join();
            long start = System.nanoTime();
            if (!lock.acquire(Duration.ofSeconds(30))) { // typically milliseconds: the time is printed below
                throw new IllegalStateException("the lock was not recovered within 30 s: lock=" + lock.name());
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("acquired the lock after " + millis + " ms; previous holder died: pid="
                    + lock.recoveredFromDeadOwner().orElse(-1) + " (exit code " + holder.exitCode().orElse(0) + ")");
            lock.release();
        }
    }
}

package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.sync.Event;
import java.time.Duration;

/**
 * Example {@code daemon}: a daemon child ends when the main process ends. It would print ten lines in 4.5 s; the main
 * process ends one second after the child's first line, and the child with it.
 */
final class Daemon {
    private Daemon() {
    }

    static void work(Event working) throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            System.out.println("Work in " + i);
            working.set();
            Thread.sleep(500);
        }
    }

    static void run() throws InterruptedException {
        try (Event working = new Event()) {
            Process workProcess = new Process(Daemon::work, working);
            // a daemon child is terminated when the main process ends
            workProcess.setDaemon(true);
            workProcess.start();
            // Python's time.sleep(1) after start(): here counted from the child's first line, since a JVM takes a
            // while to start (longer on a busy machine), so that "Work in 0" is always printed
            if (!working.await(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the child did not start working: pid=" + workProcess.pid());
            }
            Thread.sleep(1000);
            System.out.println("主进程结束!");
        }
    }
}

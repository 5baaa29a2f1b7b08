package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.Process;

/** Seed section 2: a daemon child ends when the main process ends. */
final class Daemon {
    private Daemon() {
    }

    static void work() throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            System.out.println("Work in " + i);
            Thread.sleep(500);
        }
    }

    static void run() throws InterruptedException {
        Process workProcess = new Process(Daemon::work);
        // a daemon child is terminated when the main process ends
        workProcess.setDaemon(true);
        workProcess.start();
        Thread.sleep(1000);
        System.out.println("主进程结束!");
    }
}

package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.Process;

/**
 * Examples {@code sequential} and {@code kitchen}: cooking and washing one after the other, then at once in two
 * child JVMs. The lines printed are 做饭 ("cooking") and 洗衣服 ("washing clothes").
 */
final class Kitchen {
    private Kitchen() {
    }

    static void cook() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.out.println("做饭...");
            Thread.sleep(500);
        }
    }

    static void wash() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.out.println("洗衣服...");
            Thread.sleep(500);
        }
    }

    /** One process: cook() then wash(), three seconds in all. */
    static void sequential() throws InterruptedException {
        cook();
        wash();
    }

    /** Cook and wash at once, each in its own child JVM: about half the time. */
    static void twoProcesses() {
        // one Process per task: the target is a method reference, run in a child JVM
        Process cookProcess = new Process(Kitchen::cook);
        Process washProcess = new Process(Kitchen::wash);
        // start() returns at once; the children run side by side
        cookProcess.start();
        washProcess.start();
        // as in Python, main ends here and the JVM waits for its non-daemon children before it exits
    }
}

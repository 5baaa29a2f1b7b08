package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.Process;

/** Seed sections 1.1 and 1.2: cooking and washing, one after the other, then at once in two child JVMs. */
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

    /** 1.1: one process, cook() then wash(). */
    static void sequential() throws InterruptedException {
        cook();
        wash();
    }

    /** 1.2: cook and wash at once, each in its own child JVM. */
    static void twoProcesses() {
        // 使用进程类创建进程对象
        Process cookProcess = new Process(Kitchen::cook);
        Process washProcess = new Process(Kitchen::wash);
        // 使用进程对象启动进程执行指定任务
        cookProcess.start();
        washProcess.start();
        // as in Python, main ends here and the JVM waits for its non-daemon children before it exits
    }
}

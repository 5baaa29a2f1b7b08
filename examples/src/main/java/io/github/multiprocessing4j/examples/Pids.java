package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.Multiprocessing;
import io.github.multiprocessing4j.Process;

/** Example {@code pids}: each process prints its own pid and its parent's, as os.getpid() and os.getppid() do. */
final class Pids {
    private Pids() {
    }

    static void cook() throws InterruptedException {
        System.out.println("做饭进程的pid: " + Multiprocessing.getPid());
        Thread.sleep(500);
        System.out.println("做饭进程的父进程pid: " + Multiprocessing.getParentPid());
    }

    static void wash() throws InterruptedException {
        System.out.println("洗衣服进程的pid: " + Multiprocessing.getPid());
        Thread.sleep(500);
        System.out.println("洗衣服进程的父进程pid: " + Multiprocessing.getParentPid());
    }

    static void run() {
        System.out.println("主进程的pid: " + Multiprocessing.getPid());
        new Process(Pids::cook).start();
        new Process(Pids::wash).start();
    }
}

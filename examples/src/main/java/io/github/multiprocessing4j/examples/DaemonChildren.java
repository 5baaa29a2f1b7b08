package io.github.multiprocessing4j.examples;

import io.github.multiprocessing4j.Process;

/** Example {@code daemon-children}: a daemon child may not start children of its own, as in Python. */
final class DaemonChildren {
    private DaemonChildren() {
    }

    static void grandchild() {
        System.out.println("never printed: a daemon cannot have children");
    }

    static void tryToStartAChild() {
        try {
            new Process(DaemonChildren::grandchild).start();
        } catch (IllegalStateException e) {
            System.out.println("the daemon child was refused: " + e);
        }
    }

    static void run() throws InterruptedException {
        Process daemon = new Process(DaemonChildren::tryToStartAChild).setDaemon(true);
        daemon.start();
        daemon.join();
        System.out.println("daemon child exit code: " + daemon.exitCode().getAsInt());
    }
}

package io.github.multiprocessing4j.internal.child;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.internal.wire.Boot;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who this JVM is in the process tree: the main process, or a child with a name, a daemon flag, a parent and the
 * {@link Process} object it runs. Set once by {@link ChildMain} in a child; empty in a main process.
 */
public final class ProcessContext {
    private static volatile Boot boot;
    private static volatile Process current;
    private static volatile boolean exiting;
    private static final CountDownLatch PARENT_GONE = new CountDownLatch(1);
    private static final AtomicInteger CHILDREN = new AtomicInteger();

    private ProcessContext() {
    }

    static void initChild(Boot childBoot) {
        boot = childBoot;
    }

    static void setCurrent(Process process) {
        current = process;
    }

    static void markExiting() {
        exiting = true;
    }

    /** Whether this JVM is running its shutdown hooks. */
    public static boolean isExiting() {
        return exiting;
    }

    static void parentDied() {
        PARENT_GONE.countDown();
    }

    /** Whether this JVM was started by multiprocessing4j as a child. */
    public static boolean isChild() {
        return boot != null;
    }

    /** The Process object this child runs, or null in a main process. */
    public static Process current() {
        return current;
    }

    /** Whether this JVM is a daemon child (which may not start children). */
    public static boolean isDaemon() {
        Boot b = boot;
        return b != null && b.daemon();
    }

    /** The name of this process: its Process name in a child, {@code MainProcess} otherwise. */
    public static String name() {
        Boot b = boot;
        return b != null ? b.name() : "MainProcess";
    }

    /** The identity of the next child of this process: this process's identity plus the child's number. */
    public static int[] nextChildIdentity() {
        Boot b = boot;
        int[] mine = b != null ? b.identity() : new int[0];
        int[] theirs = java.util.Arrays.copyOf(mine, mine.length + 1);
        theirs[mine.length] = CHILDREN.incrementAndGet();
        return theirs;
    }

    /** The parent's pid in a child; the operating-system parent's pid (or -1) in a main process. */
    public static long parentPid() {
        Boot b = boot;
        if (b != null) {
            return b.parentPid();
        }
        return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
    }

    /** The parent's process name in a child. */
    public static String parentName() {
        Boot b = boot;
        return b != null ? b.parentName() : null;
    }

    /** Whether the parent is still alive, as the child sees it (end of its stdin means it is gone). */
    public static boolean isParentAlive() {
        return PARENT_GONE.getCount() > 0;
    }

    /** Waits for the parent to die. */
    public static boolean awaitParentDeath(long nanos) throws InterruptedException {
        return PARENT_GONE.await(nanos, TimeUnit.NANOSECONDS);
    }
}

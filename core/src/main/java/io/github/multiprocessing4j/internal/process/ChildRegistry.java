package io.github.multiprocessing4j.internal.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The live children of this JVM, and what happens to them when it exits (Python's {@code _exit_function}):
 * daemon children are terminated, then the JVM waits for every non-daemon child to end, however the exit began
 * (the last non-daemon thread ended, {@code System.exit}, or SIGTERM/SIGINT).
 */
public final class ChildRegistry {
    private static final Set<ChildHandle> LIVE = ConcurrentHashMap.newKeySet();
    private static final long DAEMON_GRACE_SECONDS = 5;
    private static boolean hookInstalled;
    private static volatile boolean exiting;

    private ChildRegistry() {
    }

    static synchronized void add(ChildHandle handle) {
        installHook();
        LIVE.add(handle);
    }

    /**
     * Refuses to start a child once this JVM is exiting: the exit hook has already decided whom to wait for.
     * Installs the exit hook first, which is also how an exit that began before any child is noticed.
     *
     * @throws io.github.multiprocessing4j.exception.ProcessStartException when the JVM is exiting
     */
    static synchronized void checkNotExiting() {
        installHook();
        if (exiting) {
            throw new io.github.multiprocessing4j.exception.ProcessStartException(
                    "cannot start a process while this JVM is exiting", null);
        }
    }

    private static void installHook() {
        if (!hookInstalled) {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(ChildRegistry::atExit, "mp4j-exit"));
            } catch (IllegalStateException e) {
                exiting = true; // the JVM is exiting already: nothing may start now
            }
            hookInstalled = true;
        }
    }

    static void remove(ChildHandle handle) {
        LIVE.remove(handle);
    }

    /** The children that have not ended yet. */
    public static List<ChildHandle> live() {
        return new ArrayList<>(LIVE);
    }

    private static void atExit() {
        exiting = true;
        SparePool.shutdown();
        List<ChildHandle> children = live();
        for (ChildHandle child : children) {
            if (child.isDaemon() && !child.isSpare()) {
                child.terminate();
            }
        }
        for (ChildHandle child : children) {
            try {
                if (child.isSpare()) {
                    continue;
                }
                if (child.isDaemon()) {
                    try {
                        child.exitCode().get(DAEMON_GRACE_SECONDS, TimeUnit.SECONDS);
                    } catch (TimeoutException e) {
                        child.kill();
                        child.exitCode().get(DAEMON_GRACE_SECONDS, TimeUnit.SECONDS);
                    }
                } else {
                    child.exitCode().get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                // nothing more can be done for this child while the JVM exits
            }
        }
    }
}

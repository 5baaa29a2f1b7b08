package io.github.multiprocessing4j.internal.process;

import io.github.multiprocessing4j.internal.events.Events;
import io.github.multiprocessing4j.internal.spawn.ChildJvm;
import io.github.multiprocessing4j.internal.wire.ChildSession;
import io.github.multiprocessing4j.internal.wire.ExitReport;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Turns a child JVM's end into its exit code as Python reports it, once everything the child sent and wrote has
 * been read: 0, 1, n after {@code exit(n)}, -N after signal N.
 *
 * <p>The JDK's process reaper notices the end; this watcher then waits (briefly, bounded) for the child's
 * socket and output to drain, on the thread that saw the end (a pool thread if the child had ended before it was
 * watched), and completes {@link #exitCode()} whatever happens meanwhile, so {@code join()} always returns.
 */
final class ExitWatcher {
    private static final Executor FINISHER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mp4j-reaper");
        t.setDaemon(true);
        return t;
    });
    /**
     * How long to wait for a child's socket after it died without having connected. A child that ends by itself
     * first waits (briefly) for its WELCOME, so only a child killed between its start and its connection ends
     * unconnected.
     */
    private static final long LATE_CONNECT_MILLIS = 100;
    private static final long OUTPUT_DRAIN_MILLIS = 2000;
    private static final int SIGKILL = 9;
    private static final int SIGTERM = 15;

    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private volatile boolean killed;
    private volatile boolean terminated;

    /**
     * Watches a child.
     *
     * @param onEnd runs once the child has ended, before the exit code completes (to unregister it)
     */
    ExitWatcher(ChildJvm jvm, ChildSession session, Runnable onEnd) {
        Thread registering = Thread.currentThread();
        // on the thread that saw the child reaped (a waiter of ChildJvm, which does nothing else): one thread
        // hand-off less between the child's end and join(); on a pool thread only if it ended already
        Executor here = task -> {
            if (Thread.currentThread() == registering) {
                FINISHER.execute(task);
            } else {
                task.run();
            }
        };
        jvm.onExit().thenRunAsync(() -> finish(jvm, session, onEnd), here);
    }

    CompletableFuture<Integer> exitCode() {
        return exitCode;
    }

    /** This JVM sent SIGKILL. */
    void markKilled() {
        killed = true;
    }

    /** This JVM sent SIGTERM. */
    void markTerminated() {
        terminated = true;
    }

    private void finish(ChildJvm jvm, ChildSession session, Runnable onEnd) {
        try {
            session.awaitEnd(LATE_CONNECT_MILLIS);
            jvm.awaitOutput(OUTPUT_DRAIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // whatever happened above, join() must return
            try {
                onEnd.run();
            } finally {
                int code = pythonExitCode(jvm.exitStatus(), session.exitReport(), killed, terminated);
                Events.processExited(jvm.pid(), code);
                exitCode.complete(code);
                session.close();
                jvm.closeStdin();
            }
        }
    }

    /**
     * The exit code Python would report.
     *
     * @param status the operating system's status as the JDK gives it (128+N after signal N)
     * @param report what the child said of its end, or null
     * @param killed whether this JVM sent SIGKILL
     * @param terminated whether this JVM sent SIGTERM
     */
    static int pythonExitCode(int status, ExitReport report, boolean killed, boolean terminated) {
        if (killed && status == 128 + SIGKILL) {
            return -SIGKILL; // ours, even if the child had begun an orderly exit
        }
        if (terminated && status == 128 + SIGTERM) {
            return -SIGTERM; // ours, even if it came before the child could tell a signal from exit(143)
        }
        if (report != null && report.kind() == ExitReport.Kind.SIGNAL) {
            return -report.signal(); // the child caught a signal and said so
        }
        if (report != null) {
            return status;
        }
        // no report: the JDK gives 128+N for a child killed by signal N
        return status > 128 && status <= 128 + 64 ? -(status - 128) : status;
    }
}

package io.github.multiprocessing4j.internal.runtime;

import io.github.multiprocessing4j.internal.process.ArchiveTrainer;
import io.github.multiprocessing4j.internal.process.ChildHandle;
import io.github.multiprocessing4j.internal.process.SparePool;
import io.github.multiprocessing4j.internal.shm.ShmRegistry;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * This JVM's one exit sequence, run by the library's only shutdown hook however the exit began (the last
 * non-daemon thread ended, {@code System.exit}, SIGTERM, Ctrl-C): the steps of {@link ExitStage}, in order.
 * As Python's {@code _exit_function}, daemon children are terminated and non-daemon children are waited for.
 */
final class ExitSequence {
    private static final long DAEMON_GRACE_SECONDS = 5;
    private static final long SWEEP_WAIT_MILLIS = 2000;

    private final JvmRuntime runtime;
    private volatile boolean begun;

    ExitSequence(JvmRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Installs the shutdown hook.
     *
     * @return false when the JVM is exiting already (then no process may start)
     */
    boolean install() {
        try {
            Runtime.getRuntime().addShutdownHook(new Hook(this));
            return true;
        } catch (IllegalStateException e) {
            begun = true; // "Shutdown in progress": the JVM exits without us
            runtime.children().close();
            return false;
        }
    }

    boolean hasBegun() {
        return begun;
    }

    void run() {
        begun = true;
        List<ChildHandle> live = runtime.children().close();
        SparePool spares = runtime.sparesIfMade();
        try {
            if (spares != null) {
                spares.shutdown();
            }
            if (runtime.launcherIfMade() != null) {
                ArchiveTrainer.atExit();
            }
        } catch (RuntimeException | Error e) {
            failed("retire spares and trainers", e);
        }
        runActions(ExitStage.REFUSE_STARTS);
        for (ChildHandle child : live) {
            if (child.isDaemon()) {
                child.terminate();
            }
        }
        runActions(ExitStage.TERMINATE_DAEMONS);
        runActions(ExitStage.STOP_POOLS);
        if (!waitFor(live)) {
            return; // interrupted: the JVM is going down regardless
        }
        runActions(ExitStage.WAIT_FOR_CHILDREN);
        try {
            ShmRegistry.releaseAtExit();
        } catch (RuntimeException | Error e) {
            failed("release shared memory", e);
        }
        runActions(ExitStage.RELEASE_SHARED_MEMORY);
        try {
            runtime.controlSocket().close();
        } catch (RuntimeException | Error e) {
            failed("close the control socket", e);
        }
        runActions(ExitStage.CLOSE_SOCKET);
        runActions(ExitStage.REPORT_TO_PARENT);
        awaitStartupSweep();
    }

    private void awaitStartupSweep() {
        Thread sweep = runtime.startupSweep();
        if (sweep != null) {
            try {
                sweep.join(SWEEP_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for every child: a non-daemon for as long as it runs, a daemon for a grace period, then kills it. */
    private static boolean waitFor(List<ChildHandle> live) {
        for (ChildHandle child : live) {
            try {
                if (!child.isDaemon()) {
                    child.exitCode().get();
                    continue;
                }
                try {
                    child.exitCode().get(DAEMON_GRACE_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    child.kill();
                    child.exitCode().get(DAEMON_GRACE_SECONDS, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException | TimeoutException e) {
                failed("wait for " + child, e);
            }
        }
        return true;
    }

    /**
     * A failed step is logged and the sequence goes on. A LinkageError is possible: a program run from a class
     * loader it has closed by the time the JVM exits cannot load what a step had not loaded yet. (No lambdas in
     * this class: a child runs it on its way out, and a first lambda costs a fresh JVM tens of milliseconds.)
     */
    private static void failed(String step, Throwable e) {
        // the logger only now: a child makes this class on its start path
        System.getLogger(ExitSequence.class.getName()).log(System.Logger.Level.DEBUG, "an exit step failed: " + step, e);
    }

    private void runActions(ExitStage stage) {
        for (Runnable action : runtime.actions(stage)) {
            try {
                action.run();
            } catch (RuntimeException | Error e) {
                failed("an action of " + stage, e);
            }
        }
    }

    /** A named class, not a lambda: a child installs it on its start path. */
    private static final class Hook extends Thread {
        private final ExitSequence sequence;

        Hook(ExitSequence sequence) {
            super("mp4j-exit");
            this.sequence = sequence;
        }

        @Override
        public void run() {
            sequence.run();
        }
    }
}

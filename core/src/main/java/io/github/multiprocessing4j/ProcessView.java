package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.child.ProcessContext;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link Process} that this JVM did not start: the main process as seen from itself, or a child's parent
 * (Python's {@code _MainProcess} and {@code _ParentProcess}). It can be asked for its name, pid and liveness;
 * it cannot be started, configured, signalled or closed.
 */
final class ProcessView extends Process {
    private static final long serialVersionUID = 1L;

    private final long viewPid;
    private final boolean isParent;

    private ProcessView(String name, long pid, boolean isParent) {
        super(name);
        this.viewPid = pid;
        this.isParent = isParent;
    }

    static ProcessView main() {
        return new ProcessView("MainProcess", ProcessHandle.current().pid(), false);
    }

    static ProcessView parent(String name, long pid) {
        return new ProcessView(name, pid, true);
    }

    @Override
    public synchronized void start() {
        throw new IllegalStateException("cannot start a process that this JVM did not create: " + this);
    }

    @Override
    public long pid() {
        return viewPid;
    }

    @Override
    public boolean isAlive() {
        return !isParent || ProcessContext.isParentAlive();
    }

    @Override
    public OptionalInt exitCode() {
        return OptionalInt.empty();
    }

    @Override
    public void join() throws InterruptedException {
        if (!isParent) {
            throw new IllegalStateException("cannot join the current process");
        }
        ProcessContext.awaitParentDeath(Long.MAX_VALUE);
    }

    @Override
    public boolean join(Duration timeout) throws InterruptedException {
        if (!isParent) {
            throw new IllegalStateException("cannot join the current process");
        }
        return ProcessContext.awaitParentDeath(Math.max(0, timeout.toNanos()));
    }

    @Override
    public CompletableFuture<Process> onExit() {
        throw new UnsupportedOperationException("onExit is not available for " + this);
    }

    @Override
    public void terminate() {
        throw new IllegalStateException("cannot terminate a process that this JVM did not create: " + this);
    }

    @Override
    public void kill() {
        throw new IllegalStateException("cannot kill a process that this JVM did not create: " + this);
    }

    @Override
    public synchronized void close() {
        throw new IllegalStateException("cannot close " + this);
    }

    @Override
    public void run() {
        throw new IllegalStateException("cannot run " + this);
    }

    @Override
    public String toString() {
        return "<" + (isParent ? "ParentProcess" : "MainProcess") + " name='" + getName() + "' pid=" + viewPid
                + (isParent ? (isAlive() ? " started" : " stopped") : " started") + ">";
    }
}

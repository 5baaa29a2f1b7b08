package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.time.Durations;
import io.github.multiprocessing4j.internal.process.Identity;
import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.internal.watch.ParentWatch;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link Process} that this JVM did not start: the main process as seen from itself, a child as seen from
 * itself when it runs no Process object of its own (a direct task, a pool worker), or a child's parent (Python's
 * {@code _MainProcess} and {@code _ParentProcess}). It can be asked for its name, pid and liveness; it cannot be
 * started, configured, signalled or closed.
 */
final class ProcessView extends Process {
    private static final long serialVersionUID = 1L;

    private enum Kind { MAIN, SELF, PARENT }

    private final long viewPid;
    private final Kind kind;

    private ProcessView(String name, boolean daemon, long pid, Kind kind) {
        super(name, daemon);
        this.viewPid = pid;
        this.kind = kind;
    }

    /** This process as seen from itself: the main process, or a child that runs no Process object. */
    static ProcessView self(Identity identity) {
        return new ProcessView(identity.name(), identity.daemon(), ProcessHandle.current().pid(),
                identity.isChild() ? Kind.SELF : Kind.MAIN);
    }

    static ProcessView parent(Identity identity) {
        return new ProcessView(identity.parentName(), false, identity.parentPid(), Kind.PARENT);
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
        if (kind != Kind.PARENT) {
            return true;
        }
        ParentWatch watch = JvmRuntime.get().parentWatch();
        return watch == null || watch.isParentAlive();
    }

    @Override
    public OptionalInt exitCode() {
        return OptionalInt.empty();
    }

    @Override
    public void join() throws InterruptedException {
        awaitParent(Long.MAX_VALUE);
    }

    @Override
    public boolean join(Duration timeout) throws InterruptedException {
        return awaitParent(Durations.toNanosSaturated(timeout));
    }

    private boolean awaitParent(long nanos) throws InterruptedException {
        if (kind != Kind.PARENT) {
            throw new IllegalStateException("cannot join the current process");
        }
        ParentWatch watch = JvmRuntime.get().parentWatch();
        return watch != null && watch.await(nanos);
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
        String type = kind == Kind.PARENT ? "ParentProcess" : kind == Kind.MAIN ? "MainProcess" : "Process";
        return "<" + type + " name='" + getName() + "' pid=" + viewPid + (isAlive() ? " started" : " stopped")
                + (isDaemon() ? " daemon" : "") + ">";
    }
}

package io.github.multiprocessing4j.internal.watch;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A child's watch on its parent: the one place that decides the parent is gone, and what happens then.
 *
 * <p>Two signals, one verdict. The end of the child's stdin, which only the parent writes, is seen at once by
 * whoever reads stdin (a watcher thread, or a pool worker between tasks) and reported with
 * {@link #inputEnded()}. A child whose stdin reader is busy (a pool worker running a task) also
 * {@linkplain #startPolling polls} the parent by pid and start time ({@link Liveness}), so a reused pid does not
 * pass for the parent. Either way, the actions given to {@link #onGone} run once, on the thread that noticed.
 *
 * <p>Thread-safe; {@link #await} blocks, nothing else does.
 */
public final class ParentWatch {
    private final long parentPid;
    private final long parentStart;
    private final CountDownLatch gone = new CountDownLatch(1);
    private volatile Runnable onGone;
    private volatile boolean exiting;
    private volatile Poller poller;

    /**
     * Watches a parent.
     *
     * @param parentPid its pid
     * @param parentStart its start time as {@link Liveness#startTime} gives it; 0 when unknown
     */
    public ParentWatch(long parentPid, long parentStart) {
        this.parentPid = parentPid;
        this.parentStart = parentStart;
    }

    /**
     * Sets what to do when the parent is gone (a daemon or a spare halts; a pool worker ends what it started);
     * null for nothing. Runs it at once when the parent is gone already.
     */
    public void onGone(Runnable action) {
        this.onGone = action;
        if (action != null && gone.getCount() == 0) {
            action.run(); // gone already (e.g. while this JVM was a spare): do it now
        }
    }

    /**
     * This JVM is exiting and closes its own stdin: an end of input from now on is not the parent's death.
     */
    public void markExiting() {
        exiting = true;
    }

    /** Whether {@link #markExiting()} was called. */
    public boolean isExiting() {
        return exiting;
    }

    /** The child's stdin ended: the parent is gone, unless this JVM closed it on its way out. */
    public void inputEnded() {
        if (!exiting) {
            parentGone();
        }
    }

    /** Whether the parent is still alive, as far as this child knows. */
    public boolean isParentAlive() {
        return gone.getCount() > 0;
    }

    /**
     * Waits for the parent's death.
     *
     * @return whether it died within {@code nanos}
     * @throws InterruptedException when interrupted
     */
    public boolean await(long nanos) throws InterruptedException {
        return gone.await(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Also polls the parent every {@code millis} ms, on a daemon thread, until {@link #stopPolling()} or the
     * parent's death; does nothing if polling already.
     */
    public synchronized void startPolling(long millis) {
        if (poller == null) {
            poller = new Poller(this, millis);
            poller.start();
        }
    }

    /** Stops polling (a spare that became a process that does not need it). */
    public synchronized void stopPolling() {
        poller = null;
    }

    private void parentGone() {
        if (gone.getCount() == 0) {
            return;
        }
        synchronized (this) {
            if (gone.getCount() == 0) {
                return;
            }
            gone.countDown();
        }
        Runnable action = onGone;
        if (action != null) {
            action.run();
        }
    }

    /** A named class, not a lambda: the first lambda of a fresh JVM costs tens of milliseconds. */
    private static final class Poller extends Thread {
        private final ParentWatch watch;
        private final long millis;

        Poller(ParentWatch watch, long millis) {
            super("mp4j-parent-watch");
            this.watch = watch;
            this.millis = millis;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (watch.isParentAlive() && watch.poller == this) {
                    Thread.sleep(millis);
                    if (watch.poller == this && !Liveness.isAlive(watch.parentPid, watch.parentStart)
                            && !watch.exiting) {
                        watch.parentGone();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

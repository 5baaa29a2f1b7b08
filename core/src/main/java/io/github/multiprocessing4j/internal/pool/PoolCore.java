package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.exception.PoolBrokenException;
import io.github.multiprocessing4j.exception.ProcessException;
import io.github.multiprocessing4j.internal.events.Events;
import io.github.multiprocessing4j.internal.events.WorkerStartEvent;
import io.github.multiprocessing4j.internal.runtime.ExitStage;
import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.internal.wire.Frame;
import io.github.multiprocessing4j.internal.wire.FrameType;
import io.github.multiprocessing4j.exception.TaskTimeoutException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The pool's dispatcher: a queue of {@link TaskUnit}s, the workers, and what happens when a result arrives, a
 * worker dies, a timeout strikes or the pool shuts down. One lock guards it all; units are given to a worker's
 * stdin under the lock (so a worker's in-flight list is in write order), and ended outside it. A large unit is
 * written on a thread of its own ({@code FrameWriter}), so the lock is not held while megabytes go down a pipe;
 * nothing is queued behind it until it is written.
 *
 * <p>Threads: callers submit and write the first frames themselves (no hand-off on the hot path); each worker's
 * connection reader thread handles its results and writes the next frame; worker deaths and timeouts are handled
 * on pool threads. A unit is written to an idle worker, or behind the running one when it is small
 * ({@value #PIPELINE_BYTES} bytes at most), so that a worker never waits for the parent between tasks and a
 * write never blocks on a busy worker's full pipe. A worker holds at most {@value #PIPELINE_DEPTH} units, or
 * {@value #QUICK_PIPELINE_DEPTH} while its units take under {@value #QUICK_NANOS} ns (tiny tasks then stream
 * without a round trip each, and a slow task delays at most one queued unit behind it).
 *
 * <pre>
 *   RUNNING --shutdown()--&gt; CLOSED --queue drained, workers exited--&gt; (terminated)
 *      |  \--initializer failed / workers cannot start--&gt; BROKEN --&gt; (terminated)
 *      +--terminate()--&gt; TERMINATED --workers killed and exited--&gt; (terminated)
 * </pre>
 *
 * <p>Workers: a {@code Pool} starts all of them at once; an on-demand pool ({@code ProcessPoolExecutor}) starts
 * one when a unit finds no idle worker, up to its size, and keeps the idle ones (see {@code deficitLocked}).
 *
 * <p>Healing: a worker that dies is replaced, whatever killed it; the unit it ran fails with
 * {@link io.github.multiprocessing4j.exception.WorkerDiedException} and the units behind it go back to the queue
 * ({@link WorkerExit}). Only workers that cannot start on their own (an exit status before they were ready, or a
 * launch that fails) slow the replacements down and finally break the pool ({@link StartFailures}); a death by a
 * signal never does. Replacements are launched on a pool thread, never under the lock, one at a time, each after
 * the backoff the breaker asks for.
 */
public final class PoolCore {
    static final int PIPELINE_DEPTH = 2;
    static final int QUICK_PIPELINE_DEPTH = 8;
    static final long QUICK_NANOS = 200_000;
    static final int PIPELINE_BYTES = 16 * 1024;
    /**
     * A unit answered within this lets the worker's connection reader spin for the next answer (twice the reader's
     * spin: a blocked reader's wake-up is part of what is measured).
     */
    static final long ANSWER_SPIN_NANOS = 100_000;

    enum State { RUNNING, CLOSED, BROKEN, TERMINATED }

    private final PoolConfig config;
    private final WorkerLauncher launcher;
    private final Object lock = new Object();
    private final ArrayDeque<TaskUnit> pending = new ArrayDeque<>();
    private final List<Worker> workers = new ArrayList<>();
    /**
     * What ends units and futures, added under the lock and run outside it; a concurrent queue, so that a thread
     * with nothing deferred (every result, every submit) does not take the lock again to find out.
     */
    private final java.util.Queue<Runnable> deferred = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final Runnable atExit = new Runnable() {
        @Override
        public void run() {
            terminate();
        }
    };
    private State state = State.RUNNING;
    private PoolBrokenException broken;
    private final StartFailures startFailures = new StartFailures();
    /** A replacement is being launched, or one is scheduled ({@link #delayedReplenish}). */
    private boolean replenishing;
    private ScheduledFuture<?> delayedReplenish;
    private boolean finished;
    private ScheduledThreadPoolExecutor timer;

    /**
     * Starts the workers.
     *
     * @throws io.github.multiprocessing4j.exception.ProcessStartException when the worker JVMs cannot be started
     * @throws io.github.multiprocessing4j.exception.SerializationFailedException when the initializer cannot be serialized
     */
    public PoolCore(PoolConfig config) {
        this.config = config;
        this.launcher = new WorkerLauncher(config, this);
        JvmRuntime.get().atExit(ExitStage.STOP_POOLS, atExit);
        synchronized (lock) {
            replenishing = true;
        }
        try {
            if (config.onDemand()) {
                launcher.encodeLoop(); // an initializer that cannot cross fails here, not at the first task
            }
            replenish(true);
        } catch (RuntimeException e) {
            terminate();
            throw e;
        }
    }

    /** The settings. */
    public PoolConfig config() {
        return config;
    }

    /**
     * Queues units and sends what the idle workers can take.
     *
     * @throws IllegalStateException when the pool is closed or terminated
     * @throws PoolBrokenException when the pool is broken
     */
    public void submit(List<TaskUnit> units) {
        synchronized (lock) {
            checkAcceptingLocked();
            pending.addAll(units);
            dispatchLocked();
            if (config.onDemand() && !pending.isEmpty()) {
                replenishLocked();
            }
        }
        flush();
    }

    /** Whether new units are accepted. */
    public boolean isRunning() {
        synchronized (lock) {
            return state == State.RUNNING;
        }
    }

    /**
     * Throws when new units are not accepted.
     *
     * @throws IllegalStateException when the pool is closed or terminated
     * @throws PoolBrokenException when the pool is broken
     */
    public void checkAccepting() {
        synchronized (lock) {
            checkAcceptingLocked();
        }
    }

    private void checkAcceptingLocked() {
        if (state == State.BROKEN) {
            throw new PoolBrokenException(broken.getMessage(), broken.getCause());
        }
        if (state != State.RUNNING) {
            throw new IllegalStateException("pool is not running: state=" + state.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private void dispatchLocked() {
        while (!pending.isEmpty()) {
            TaskUnit unit = pending.peek();
            if (unit.isEnded()) {
                pending.poll();
                continue;
            }
            Worker worker = pickLocked(unit);
            if (worker == null) {
                return;
            }
            pending.poll();
            sendLocked(worker, unit);
        }
    }

    private Worker pickLocked(TaskUnit unit) {
        // an on-demand pool that may still start a worker queues a unit rather than put it behind a busy one
        boolean mayGrow = config.onDemand() && activeLocked() < config.processes();
        Worker behind = null;
        for (Worker w : workers) {
            if (!w.ready || w.retiring || config.maxTasksPerChild() > 0 && w.assigned >= config.maxTasksPerChild()) {
                continue;
            }
            int busy = w.inflight.size();
            if (busy == 0) {
                return w;
            }
            int depth = w.quick ? QUICK_PIPELINE_DEPTH : PIPELINE_DEPTH;
            if (behind == null && !mayGrow && busy < depth && unit.size() <= PIPELINE_BYTES
                    && (w.writing == null || w.writing.isDone())) {
                behind = w;
            }
        }
        return behind;
    }

    private void sendLocked(Worker worker, TaskUnit unit) {
        int fn = unit.function().id();
        boolean withFunction = worker.heldFunction != fn;
        // the worker holds the function after this unit only while the next queued unit is of the same call, or
        // when it captured nothing (then it holds nothing of the caller's, and a loop of apply calls sends it once)
        TaskUnit next = pending.peek();
        boolean stateless = unit.function().stateless();
        boolean keep = stateless || (next != null && next.function().id() == fn);
        worker.heldFunction = keep ? fn : 0;
        worker.heldStateless = keep && stateless;
        List<byte[]> frame = PoolFrames.task(unit, withFunction, keep);
        unit.worker = worker;
        worker.inflight.add(unit);
        worker.assigned++;
        if (worker.inflight.size() == 1) {
            startLocked(unit);
        }
        expectLocked(worker);
        try {
            // a large frame is written on a thread of its own: the lock is not held while it goes down the pipe
            worker.writing = worker.handle.send(FrameType.POOL_TASK, frame);
            unit.delivered = true;
        } catch (IOException e) {
            // the worker is dying: its exit puts the unit back in the queue
        }
    }

    /**
     * Whether the worker's connection reader waits on-CPU for the next frame before it blocks: while the worker
     * holds one unit or none (a caller waits for that one result, or has just had its result and is likely to send
     * the next: a loop of {@code apply}) and its last unit was answered within the spin, so that the answer is
     * taken within the worker's own spin without a wake-up of the reader. Not while units are pipelined (the
     * reader then has results coming, and on a machine with few cores its spin would take CPU from the workers),
     * nor after a slower unit (the spin would only burn CPU before the reader blocks anyway).
     */
    private static void expectLocked(Worker worker) {
        worker.handle.expectFrames(worker.inflight.size() <= 1 && worker.answersWithinSpin);
    }

    private void startLocked(TaskUnit unit) {
        unit.started = true;
        unit.startNanos = System.nanoTime();
        if (unit.timeoutNanos() > 0) {
            unit.timer = timerLocked().schedule(() -> onTimeout(unit), unit.timeoutNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private ScheduledThreadPoolExecutor timerLocked() {
        if (timer == null) {
            timer = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "mp4j-pool-timer");
                t.setDaemon(true);
                return t;
            });
            timer.setRemoveOnCancelPolicy(true);
        }
        return timer;
    }

    private void onTimeout(TaskUnit unit) {
        synchronized (lock) {
            Worker w = unit.worker;
            if (unit.isEnded() || w == null || w.inflight.peek() != unit) {
                return;
            }
            unit.killReason = new TaskTimeoutException(Duration.ofNanos(unit.timeoutNanos()), w.name, w.pid());
            w.retiring = true;
            replenishLocked();
            w.killTree();
        }
    }

    /** A frame from a worker, on its connection's reader thread. */
    void onFrame(Worker worker, Frame frame) {
        switch (frame.type()) {
            case POOL_RESULT:
                onResult(worker, frame.payload());
                break;
            case POOL_READY:
                synchronized (lock) {
                    worker.ready = true;
                    startFailures.clear();
                    dispatchLocked();
                    drainLocked();
                }
                break;
            case POOL_RETIRING:
                synchronized (lock) {
                    worker.retiring = true;
                    worker.selfRetired = true;
                    replenishLocked();
                }
                break;
            case POOL_INIT_FAILED:
                Throwable cause = ItemBlock.throwable(frame.payload());
                synchronized (lock) {
                    breakLocked(new PoolBrokenException("the pool's initializer failed: worker=" + worker.name
                            + ", pid=" + worker.pid() + ", exception=" + cause, cause));
                }
                break;
            default:
                break;
        }
        flush();
    }

    private void onResult(Worker worker, byte[] payload) {
        long id = PoolFrames.resultUnitId(payload);
        TaskUnit unit = null;
        synchronized (lock) {
            for (TaskUnit u : worker.inflight) {
                if (u.id() == id) {
                    unit = u;
                    break;
                }
            }
            if (unit == null) {
                return;
            }
            worker.inflight.remove(unit);
            Events.poolTaskDone(worker.name, worker.pid(), unit.count(), unit.startNanos);
            long took = System.nanoTime() - unit.startNanos;
            worker.quick = took < QUICK_NANOS;
            worker.answersWithinSpin = took < ANSWER_SPIN_NANOS;
            expectLocked(worker);
            cancelTimer(unit);
            TaskUnit next = worker.inflight.peek();
            if (next != null && !next.started) {
                startLocked(next);
            }
            if (!worker.retiring && config.maxTasksPerChild() > 0 && worker.assigned >= config.maxTasksPerChild()
                    && worker.inflight.isEmpty()) {
                retireLocked(worker);
            }
            dispatchLocked();
            releaseIfIdleLocked(worker);
            drainLocked();
        }
        if (!unit.isEnded()) {
            Outcomes outcomes;
            try {
                outcomes = ItemBlock.readOutcomes(PoolFrames.resultOutcomes(payload), worker.name, worker.pid());
            } catch (RuntimeException e) {
                // a damaged result frame (a count it cannot hold, a cut block): the unit fails, it does not hang
                unit.fail(e instanceof ProcessException ? e : new ProcessException("damaged result from worker "
                        + worker.name + ": " + e, e));
                return;
            }
            unit.complete(outcomes);
        }
    }

    /**
     * An idle worker still holding a function (its call's other units went to other workers) is told to drop it,
     * so that nothing in the worker keeps what the function captured.
     */
    private static void releaseIfIdleLocked(Worker worker) {
        if (worker.heldFunction == 0 || worker.heldStateless || !worker.inflight.isEmpty() || worker.retiring) {
            return;
        }
        worker.heldFunction = 0;
        try {
            worker.handle.send(FrameType.POOL_TASK, PoolFrames.release());
        } catch (IOException e) {
            // the worker is dying: nothing of it is left to hold anything
        }
    }

    private static void cancelTimer(TaskUnit unit) {
        if (unit.timer != null) {
            unit.timer.cancel(false);
            unit.timer = null;
        }
    }

    private void retireLocked(Worker worker) {
        worker.retiring = true;
        try {
            worker.handle.send(Frame.empty(FrameType.POOL_EXIT));
        } catch (IOException e) {
            // it is ending anyway
        }
        replenishLocked();
    }

    /** Once closed and drained, tells every idle worker to exit. */
    private void drainLocked() {
        if (state == State.RUNNING || state == State.TERMINATED || !pending.isEmpty()) {
            return;
        }
        for (Worker w : workers) {
            if (w.ready && !w.retiring && w.inflight.isEmpty()) {
                retireLocked(w);
            }
        }
    }

    /**
     * How many more workers the pool wants: negative when it has too many. An on-demand pool wants one per busy
     * worker and per queued unit, up to its size, and keeps the idle ones it started (Python 3.9+'s
     * {@code ProcessPoolExecutor._adjust_process_count}: a task starts a worker when none is idle).
     */
    private int deficitLocked() {
        int desired = state == State.RUNNING || state == State.CLOSED && !pending.isEmpty() ? config.processes() : 0;
        int active = activeLocked();
        if (config.onDemand() && desired > 0) {
            int busy = 0;
            for (Worker w : workers) {
                busy += !w.retiring && !w.inflight.isEmpty() ? 1 : 0;
            }
            desired = (int) Math.min(desired, Math.max(active, (long) busy + pending.size()));
        }
        return desired - active;
    }

    /** The workers that take units, or will once ready. */
    private int activeLocked() {
        int active = 0;
        for (Worker w : workers) {
            active += w.retiring ? 0 : 1;
        }
        return active;
    }

    /** Starts replacing missing workers, after the breaker's backoff; returns at once. */
    private void replenishLocked() {
        if (replenishing || deficitLocked() <= 0) {
            return; // the replenishing thread checks the deficit again before each launch
        }
        replenishing = true;
        long delay = startFailures.delayMillis();
        if (delay == 0) {
            WorkerLauncher.EVENTS.execute(() -> replenish(false));
        } else {
            delayedReplenish = timerLocked().schedule(() -> WorkerLauncher.EVENTS.execute(() -> replenish(false)),
                    delay, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Launches workers, one at a time and outside the lock, until the pool has as many as it wants. The caller
     * set {@link #replenishing}; this clears it.
     *
     * @param rethrow whether a launch failure is thrown (the constructor) or counted by the breaker
     */
    private void replenish(boolean rethrow) {
        while (true) {
            synchronized (lock) {
                delayedReplenish = null;
                if (deficitLocked() <= 0) {
                    replenishing = false;
                    finishIfDoneLocked();
                    break;
                }
            }
            Worker worker;
            WorkerStartEvent event = Events.workerStartBegins(); // a Flight Recorder event, or null
            try {
                worker = launcher.launch();
            } catch (RuntimeException e) {
                synchronized (lock) {
                    replenishing = false;
                    if (rethrow) {
                        throw e;
                    }
                    launchFailedLocked(e);
                }
                break;
            }
            Events.workerStarted(event, worker.name, worker.pid(), !rethrow);
            synchronized (lock) {
                workers.add(worker);
                if (state == State.TERMINATED) {
                    worker.retiring = true;
                    worker.killTree();
                } else if (worker.ready) {
                    dispatchLocked();
                    drainLocked();
                }
            }
            launcher.watchExit(worker);
            flush();
        }
        flush();
    }

    private void launchFailedLocked(RuntimeException e) {
        if ((state == State.RUNNING || state == State.CLOSED) && startFailures.record()) {
            breakLocked(new PoolBrokenException("cannot start pool workers: attempts=" + startFailures.inRow()
                    + ", error=" + e.getMessage(), e));
        }
        replenishLocked();
        finishIfDoneLocked();
    }

    /** A worker's JVM ended, on a pool thread. */
    void onExit(Worker worker, int exitCode) {
        synchronized (lock) {
            workers.remove(worker);
            Events.workerExited(worker.name, worker.pid(), exitCode, !worker.retiring, worker.inflight.size());
            WorkerExit.Triage triage = WorkerExit.triage(worker, exitCode);
            if (triage.failed() != null) {
                deferred.add(() -> triage.failed().fail(triage.reason()));
            }
            for (int i = triage.requeue().size() - 1; i >= 0; i--) {
                pending.addFirst(triage.requeue().get(i));
            }
            if ((state == State.RUNNING || state == State.CLOSED) && StartFailures.counts(worker, exitCode)
                    && startFailures.record()) {
                breakLocked(new PoolBrokenException("pool workers exit before they are ready: attempts="
                        + startFailures.inRow() + ", exitcode=" + exitCode + ", worker=" + worker.name
                        + " (a JVM option, a class the workers cannot load, or an initializer that exits)", null));
            }
            if (state == State.TERMINATED) {
                failPendingLocked(new CancellationException("the pool was terminated"));
            }
            replenishLocked();
            dispatchLocked();
            drainLocked();
            finishIfDoneLocked();
        }
        flush();
    }

    private void breakLocked(PoolBrokenException why) {
        if (state == State.TERMINATED || state == State.BROKEN) {
            return;
        }
        state = State.BROKEN;
        broken = why;
        failPendingLocked(why);
        for (Worker w : workers) {
            if (w.inflight.isEmpty() && !w.retiring) {
                retireLocked(w);
            }
        }
        finishIfDoneLocked();
    }

    private void failPendingLocked(Throwable why) {
        for (TaskUnit unit : pending) {
            deferred.add(() -> unit.fail(why));
        }
        pending.clear();
    }

    /**
     * Once the pool is no longer running and has no worker left, nor one being launched, it is terminated. A
     * replacement waiting out its backoff is not waited for: the pool no longer wants it.
     */
    private void finishIfDoneLocked() {
        if (state == State.RUNNING || finished) {
            return;
        }
        if (delayedReplenish != null && deficitLocked() <= 0 && delayedReplenish.cancel(false)) {
            delayedReplenish = null;
            replenishing = false;
        }
        if (workers.isEmpty() && !replenishing) {
            finishLocked();
        }
    }

    private void finishLocked() {
        finished = true;
        if (timer != null) {
            timer.shutdownNow();
        }
        JvmRuntime.get().removeAtExit(ExitStage.STOP_POOLS, atExit);
        deferred.add(() -> terminated.complete(null));
    }

    /**
     * Cancels a unit: a queued one is dropped; a running one is ended at once and, when {@code interrupt} is true,
     * its worker is killed (with what it started) and replaced.
     *
     * @return false if the unit had already ended
     */
    public boolean cancel(TaskUnit unit, boolean interrupt) {
        CancellationException why = new CancellationException("the task was cancelled");
        synchronized (lock) {
            if (unit.isEnded()) {
                return false;
            }
            Worker w = unit.worker;
            if (w == null) {
                pending.remove(unit);
            } else if (interrupt && w.inflight.peek() == unit && unit.started) {
                unit.killReason = why;
                w.retiring = true;
                replenishLocked();
                w.killTree();
            }
        }
        unit.fail(why);
        return true;
    }

    /**
     * Python's {@code close()}: no new units; the queued ones run (or, with {@code cancelPending}, fail with
     * {@link CancellationException} without running: Python's {@code shutdown(cancel_futures=True)}), then the
     * workers exit. The units already written to a worker run, as those in Python's call queue do. Does not wait.
     */
    public void shutdown(boolean cancelPending) {
        synchronized (lock) {
            if (state == State.RUNNING) {
                state = State.CLOSED;
            }
            if (cancelPending && state == State.CLOSED) {
                failPendingLocked(new CancellationException("the task was cancelled by shutdown(cancelFutures=true)"
                        + " before it started"));
            }
            drainLocked();
            finishIfDoneLocked();
        }
        flush();
    }

    /**
     * Python's {@code terminate()}: kills every worker (and what its tasks started) at once; queued and running
     * units fail with {@link CancellationException}.
     *
     * @return the units that had not been sent to a worker
     */
    public List<TaskUnit> terminate() {
        List<TaskUnit> neverRan;
        synchronized (lock) {
            neverRan = new ArrayList<>(pending);
            if (state != State.TERMINATED) {
                state = State.TERMINATED;
                CancellationException why = new CancellationException("the pool was terminated");
                failPendingLocked(why);
                for (Worker w : workers) {
                    for (TaskUnit unit : w.inflight) {
                        deferred.add(() -> unit.fail(why));
                    }
                    w.retiring = true;
                    w.killTree();
                }
                finishIfDoneLocked();
            }
        }
        flush();
        return neverRan;
    }

    /** Completes when every worker has exited after shutdown or terminate. */
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    /** The pids of the live workers. */
    public List<Long> workerPids() {
        synchronized (lock) {
            List<Long> pids = new ArrayList<>();
            for (Worker w : workers) {
                pids.add(w.pid());
            }
            return pids;
        }
    }

    /** Runs what was deferred until the lock was released: ending units, completing futures. */
    private void flush() {
        Runnable next;
        while ((next = deferred.poll()) != null) {
            next.run();
        }
    }
}

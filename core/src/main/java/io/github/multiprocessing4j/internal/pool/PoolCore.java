package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.exception.PoolBrokenException;
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
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The pool's dispatcher: a queue of {@link TaskUnit}s, the workers, and what happens when a result arrives, a
 * worker dies, a timeout strikes or the pool shuts down. One lock guards it all; units are written to a worker
 * under the lock (so a worker's in-flight list is in write order), and ended outside it.
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
 *      |  \--initializer failed / workers die while starting--&gt; BROKEN --&gt; (terminated)
 *      +--terminate()--&gt; TERMINATED --workers killed and exited--&gt; (terminated)
 * </pre>
 */
public final class PoolCore {
    static final int PIPELINE_DEPTH = 2;
    static final int QUICK_PIPELINE_DEPTH = 8;
    static final long QUICK_NANOS = 200_000;
    static final int PIPELINE_BYTES = 16 * 1024;
    static final int MAX_START_DEATHS = 3;

    enum State { RUNNING, CLOSED, BROKEN, TERMINATED }

    private final PoolConfig config;
    private final WorkerLauncher launcher;
    private final Object lock = new Object();
    private final ArrayDeque<TaskUnit> pending = new ArrayDeque<>();
    private final List<Worker> workers = new ArrayList<>();
    private final ArrayDeque<Runnable> deferred = new ArrayDeque<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final Runnable atExit = new Runnable() {
        @Override
        public void run() {
            terminate();
        }
    };
    private State state = State.RUNNING;
    private PoolBrokenException broken;
    private int startDeaths;
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
        RuntimeException failure = null;
        synchronized (lock) {
            try {
                for (int i = 0; i < config.processes(); i++) {
                    workers.add(launcher.launch());
                }
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            terminate();
            throw failure;
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
            if (behind == null && busy < depth && unit.size() <= PIPELINE_BYTES) {
                behind = w;
            }
        }
        return behind;
    }

    private void sendLocked(Worker worker, TaskUnit unit) {
        int fn = unit.function().id();
        boolean withFunction = !worker.functions.contains(fn);
        if (withFunction) {
            worker.functions.put(fn, Boolean.TRUE);
        } else {
            worker.functions.get(fn);
        }
        byte[] frame = PoolFrames.task(unit, withFunction);
        unit.worker = worker;
        worker.inflight.add(unit);
        worker.assigned++;
        if (worker.inflight.size() == 1) {
            startLocked(unit);
        }
        try {
            worker.handle.send(FrameType.POOL_TASK, frame);
            unit.delivered = true;
        } catch (IOException e) {
            // the worker is dying: its exit puts the unit back in the queue
        }
    }

    private void startLocked(TaskUnit unit) {
        unit.started = true;
        unit.startNanos = System.nanoTime();
        if (unit.timeoutNanos() > 0) {
            if (timer == null) {
                timer = new ScheduledThreadPoolExecutor(1, r -> {
                    Thread t = new Thread(r, "mp4j-pool-timer");
                    t.setDaemon(true);
                    return t;
                });
                timer.setRemoveOnCancelPolicy(true);
            }
            unit.timer = timer.schedule(() -> onTimeout(unit), unit.timeoutNanos(), TimeUnit.NANOSECONDS);
        }
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
                    startDeaths = 0;
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
            worker.quick = System.nanoTime() - unit.startNanos < QUICK_NANOS;
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
            drainLocked();
        }
        if (!unit.isEnded()) {
            unit.complete(ItemBlock.readOutcomes(PoolFrames.resultOutcomes(payload), worker.name, worker.pid()));
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

    private void replenishLocked() {
        int desired = state == State.RUNNING || state == State.CLOSED && !pending.isEmpty() ? config.processes() : 0;
        int active = 0;
        for (Worker w : workers) {
            active += w.retiring ? 0 : 1;
        }
        for (; active < desired; active++) {
            try {
                workers.add(launcher.launch());
            } catch (RuntimeException e) {
                if (++startDeaths >= MAX_START_DEATHS) {
                    breakLocked(new PoolBrokenException("cannot start pool workers: attempts=" + startDeaths
                            + ", error=" + e.getMessage(), e));
                }
                return;
            }
        }
    }

    /** A worker's JVM ended, on a pool thread. */
    void onExit(Worker worker, int exitCode) {
        synchronized (lock) {
            workers.remove(worker);
            WorkerExit.Triage triage = WorkerExit.triage(worker, exitCode);
            if (triage.failed() != null) {
                deferred.add(() -> triage.failed().fail(triage.reason()));
            }
            for (int i = triage.requeue().size() - 1; i >= 0; i--) {
                pending.addFirst(triage.requeue().get(i));
            }
            if (!worker.ready && state == State.RUNNING && ++startDeaths >= MAX_START_DEATHS) {
                breakLocked(new PoolBrokenException("pool workers keep dying while starting: deaths=" + startDeaths
                        + ", exitcode=" + exitCode + ", worker=" + worker.name, null));
            }
            if (state == State.TERMINATED) {
                failPendingLocked(new CancellationException("the pool was terminated"));
            }
            replenishLocked();
            dispatchLocked();
            drainLocked();
            if (workers.isEmpty() && state != State.RUNNING) {
                finishLocked();
            }
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
        if (workers.isEmpty()) {
            finishLocked();
        }
    }

    private void failPendingLocked(Throwable why) {
        for (TaskUnit unit : pending) {
            deferred.add(() -> unit.fail(why));
        }
        pending.clear();
    }

    private void finishLocked() {
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

    /** Python's {@code close()}: no new units; the queued ones run, then the workers exit. Does not wait. */
    public void shutdown() {
        synchronized (lock) {
            if (state == State.RUNNING) {
                state = State.CLOSED;
            }
            drainLocked();
            if (workers.isEmpty() && !terminated.isDone()) {
                finishLocked();
            }
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
                if (workers.isEmpty() && !terminated.isDone()) {
                    finishLocked();
                }
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
        while (true) {
            Runnable next;
            synchronized (lock) {
                next = deferred.poll();
            }
            if (next == null) {
                return;
            }
            next.run();
        }
    }
}

package io.github.multiprocessing4j.internal.events;

import jdk.jfr.FlightRecorder;

/**
 * The JDK Flight Recorder events of this library, one line at each place that records one. When no recording is
 * on (or the event is disabled), each method costs a test of a flag: nothing is allocated, the clock is not read.
 * Until the recorder is initialized (a recording started, or {@code -XX:StartFlightRecording}), not even the
 * event classes are loaded. A recording sees them in JDK Mission Control or
 * {@code jfr print --categories multiprocessing4j}.
 *
 * <p>Events are recorded in the JVM that sees what happens: process start and exit, pool tasks and workers in the
 * parent; lock recoveries and blocking waits in the process that waited.
 */
public final class Events {
    private Events() {
    }

    /**
     * One instance of each event, whose {@code isEnabled()} reads the flag that the recorder flips for its class.
     * Loaded only once the recorder is initialized: loading a {@code jdk.jfr.Event} subclass initializes the
     * recorder's machinery (hundreds of classes, a second or more on a busy machine), which a child JVM or a
     * program that never records must not pay.
     */
    private static final class Probes {
        static final ProcessStartEvent START = new ProcessStartEvent();
        static final ProcessExitEvent EXIT = new ProcessExitEvent();
        static final PoolTaskEvent TASK = new PoolTaskEvent();
        static final WorkerStartEvent WORKER_START = new WorkerStartEvent();
        static final WorkerExitEvent WORKER_EXIT = new WorkerExitEvent();
        static final LockRecoveryEvent RECOVERY = new LockRecoveryEvent();
        static final WaitEvent WAIT = new WaitEvent();

        private Probes() {
        }
    }

    /** Whether a recording may be on: a volatile read, and no event class loaded while it is false. */
    private static boolean recorder() {
        return FlightRecorder.isInitialized();
    }

    /** A process start begins: returns its event, or null when none is recorded. */
    public static ProcessStartEvent processStartBegins() {
        if (!recorder() || !Probes.START.isEnabled()) {
            return null;
        }
        ProcessStartEvent e = new ProcessStartEvent();
        e.begin();
        return e;
    }

    /** A process start succeeded; {@code event} may be null (nothing then). */
    public static void processStarted(ProcessStartEvent event, String name, String method, boolean spare, long pid) {
        if (event != null && event.shouldCommit()) {
            event.processName = name;
            event.startMethod = method;
            event.spare = spare;
            event.pid = pid;
            event.commit();
        }
    }

    /** A child JVM ended with this (Python) exit code. */
    public static void processExited(long pid, int exitCode) {
        if (recorder() && Probes.EXIT.isEnabled()) {
            ProcessExitEvent e = new ProcessExitEvent();
            e.pid = pid;
            e.exitCode = exitCode;
            e.commit();
        }
    }

    /** A pool unit's result arrived; {@code startNanos} is when its worker began it ({@code System.nanoTime}). */
    public static void poolTaskDone(String worker, long workerPid, int items, long startNanos) {
        if (recorder() && Probes.TASK.isEnabled()) {
            PoolTaskEvent e = new PoolTaskEvent();
            e.worker = worker;
            e.workerPid = workerPid;
            e.items = items;
            e.runTime = System.nanoTime() - startNanos;
            e.commit();
        }
    }

    /** A pool worker's launch begins: returns its event, or null when none is recorded. */
    public static WorkerStartEvent workerStartBegins() {
        if (!recorder() || !Probes.WORKER_START.isEnabled()) {
            return null;
        }
        WorkerStartEvent e = new WorkerStartEvent();
        e.begin();
        return e;
    }

    /** A pool worker was launched; {@code event} may be null (nothing then). */
    public static void workerStarted(WorkerStartEvent event, String worker, long pid, boolean replacement) {
        if (event != null && event.shouldCommit()) {
            event.worker = worker;
            event.workerPid = pid;
            event.replacement = replacement;
            event.commit();
        }
    }

    /** A pool worker ended; {@code died} when the pool had not retired it. */
    public static void workerExited(String worker, long pid, int exitCode, boolean died, int inflight) {
        if (recorder() && Probes.WORKER_EXIT.isEnabled()) {
            WorkerExitEvent e = new WorkerExitEvent();
            e.worker = worker;
            e.workerPid = pid;
            e.exitCode = exitCode;
            e.died = died;
            e.inflight = inflight;
            e.commit();
        }
    }

    /** A lock was taken over from a dead holder. */
    public static void lockRecovered(long deadPid) {
        if (recorder() && Probes.RECOVERY.isEnabled()) {
            LockRecoveryEvent e = new LockRecoveryEvent();
            e.deadPid = deadPid;
            e.commit();
        }
    }

    /** A wait on shared memory begins (the state was not there at once): its event, or null. */
    public static WaitEvent waitBegins() {
        if (!recorder() || !Probes.WAIT.isEnabled()) {
            return null;
        }
        WaitEvent e = new WaitEvent();
        e.begin();
        return e;
    }

    /** A wait on shared memory ended; {@code event} may be null (nothing then). */
    public static void waitEnded(WaitEvent event, Enum<?> outcome) {
        if (event != null && event.shouldCommit()) {
            event.outcome = outcome.name();
            event.commit();
        }
    }
}

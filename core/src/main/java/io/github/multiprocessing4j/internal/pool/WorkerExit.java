package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.exception.WorkerDiedException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sorts out the units a dead worker held. The first one written and delivered was running, unless the worker
 * retired on its own after its last result: it fails (with the reason the pool killed the worker, else a
 * {@link WorkerDiedException} carrying the exit code). The units behind it never started: they go back to the
 * front of the queue, in order. Units that had already ended (cancelled) are dropped.
 */
final class WorkerExit {
    /** What becomes of the held units. */
    record Triage(TaskUnit failed, Throwable reason, List<TaskUnit> requeue) {
    }

    private WorkerExit() {
    }

    /** Called under the pool's lock; empties the worker's in-flight list. */
    static Triage triage(Worker worker, int exitCode) {
        List<TaskUnit> held = new ArrayList<>(worker.inflight);
        worker.inflight.clear();
        TaskUnit failed = null;
        Throwable reason = null;
        List<TaskUnit> requeue = new ArrayList<>();
        for (int i = 0; i < held.size(); i++) {
            TaskUnit unit = held.get(i);
            if (unit.timer != null) {
                unit.timer.cancel(false);
                unit.timer = null;
            }
            unit.worker = null;
            unit.started = false;
            if (unit.isEnded()) {
                continue;
            }
            if (i == 0 && unit.delivered && (unit.killReason != null || !worker.selfRetired)) {
                failed = unit;
                reason = unit.killReason != null ? unit.killReason
                        : new WorkerDiedException(worker.name, worker.pid(), exitCode);
            } else {
                unit.delivered = false;
                requeue.add(unit);
            }
        }
        return new Triage(failed, reason, requeue);
    }
}

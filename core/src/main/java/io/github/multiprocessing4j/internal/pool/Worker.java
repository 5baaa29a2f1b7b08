package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.internal.process.ChildHandle;
import java.util.ArrayDeque;

/**
 * The parent's view of one worker JVM. All fields are guarded by the pool's lock.
 *
 * <p>{@link #inflight} holds the units written to the worker's stdin, in the order written, which is the order
 * the worker runs them: its head is the one running.
 */
final class Worker {
    final String name;
    ChildHandle handle;
    final ArrayDeque<TaskUnit> inflight = new ArrayDeque<>();
    /**
     * The id of the function the worker holds once it has read every frame written to it (0: none), mirrored
     * from the {@code keep} flags the pool wrote, so the pool knows without asking whether to send the function.
     */
    int heldFunction;
    /** Whether the held function captured nothing, so the worker may keep it while idle. */
    boolean heldStateless;
    /** The initializer ran and the worker reads tasks. */
    boolean ready;
    /** No more tasks go to it: told to exit, over its memory limit, or being killed. */
    boolean retiring;
    /** It said it is over its memory limit: the units behind its last result never ran. */
    boolean selfRetired;
    /** Its last unit took less than {@code PoolCore.QUICK_NANOS}: it may hold more units. */
    boolean quick;
    /** Its last unit was answered within {@code PoolCore.ANSWER_SPIN_NANOS}: its reader may wait on-CPU. */
    boolean answersWithinSpin;
    /**
     * Completes once the last task frame given to its stdin is written (a large one is written in the background,
     * outside the pool's lock); null before the first. No unit is queued behind one still being written: writing
     * it would wait for the large frame.
     */
    java.util.concurrent.CompletableFuture<Void> writing;
    /** Units written to it, for maxTasksPerChild. */
    int assigned;

    Worker(String name) {
        this.name = name;
    }

    long pid() {
        ChildHandle h = handle;
        return h == null ? -1 : h.pid();
    }

    /** Kills the worker and everything it started. */
    void killTree() {
        ChildHandle h = handle;
        if (h != null) {
            h.killTree();
        }
    }

    @Override
    public String toString() {
        return name + "(pid=" + pid() + ")";
    }
}

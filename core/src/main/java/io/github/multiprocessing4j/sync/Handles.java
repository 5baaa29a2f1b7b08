package io.github.multiprocessing4j.sync;

import io.github.multiprocessing4j.function.Target0;
import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.BarrierLayout;
import io.github.multiprocessing4j.internal.shm.ConditionLayout;
import io.github.multiprocessing4j.internal.shm.EventLayout;
import io.github.multiprocessing4j.internal.shm.HandleProxy;
import io.github.multiprocessing4j.internal.shm.LockLayout;
import io.github.multiprocessing4j.internal.shm.Segment;
import io.github.multiprocessing4j.internal.shm.SemaphoreLayout;
import io.github.multiprocessing4j.internal.shm.ValueLayout;
import java.time.Duration;

/** How each handle of this package re-attaches from its {@link HandleProxy serial form}, in the receiving process. */
enum Handles implements HandleProxy.Kind {
    LOCK,
    RLOCK,
    /** A Value's or Array's own lock (an RLock, as Python's default); the index is its offset. */
    VALUE_RLOCK,
    SEMAPHORE,
    BOUNDED_SEMAPHORE,
    EVENT,
    /** Extras: the lock (a Lock or an RLock, which re-attaches by its own proxy). */
    CONDITION,
    /** Extras: the action and the default timeout, either null. */
    BARRIER;

    @Override
    public Object reattach(HandleProxy p) {
        switch (this) {
            case LOCK:
                return new Lock(attach(p, Segment.KIND_LOCK, LockLayout.VERSION, "lock"), 0);
            case RLOCK:
                return new RLock(attach(p, Segment.KIND_LOCK, LockLayout.VERSION, "rlock"), 0);
            case VALUE_RLOCK:
                return new RLock(attach(p, Segment.KIND_VALUE, ValueLayout.VERSION, "rlock"), p.index());
            case SEMAPHORE:
                return new Semaphore(attach(p, Segment.KIND_SEMAPHORE, SemaphoreLayout.VERSION, "semaphore"));
            case BOUNDED_SEMAPHORE:
                return new BoundedSemaphore(attach(p, Segment.KIND_SEMAPHORE, SemaphoreLayout.VERSION, "semaphore"));
            case EVENT:
                return new Event(attach(p, Segment.KIND_EVENT, EventLayout.VERSION, "event"));
            case CONDITION:
                return new Condition(attach(p, Segment.KIND_CONDITION, ConditionLayout.VERSION, "condition"),
                        p.extra(0), false);
            default:
                return new Barrier(attach(p, Segment.KIND_BARRIER, BarrierLayout.VERSION, "barrier"),
                        (Target0) p.extra(0), (Duration) p.extra(1));
        }
    }

    private static Attachment attach(HandleProxy p, int kind, int version, String what) {
        return Attachment.attach(p.file(), kind, version, what);
    }
}

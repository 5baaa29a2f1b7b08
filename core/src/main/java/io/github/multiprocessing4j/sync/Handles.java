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
    LOCK {
        @Override
        public Object reattach(HandleProxy p) {
            return new Lock(Attachment.attach(p.file(), Segment.KIND_LOCK, LockLayout.VERSION, "lock"), 0);
        }
    },
    /** A Value's or Array's lock; the index is its offset. */
    VALUE_LOCK {
        @Override
        public Object reattach(HandleProxy p) {
            return new Lock(Attachment.attach(p.file(), Segment.KIND_VALUE, ValueLayout.VERSION, "lock"), p.index());
        }
    },
    RLOCK {
        @Override
        public Object reattach(HandleProxy p) {
            return new RLock(Attachment.attach(p.file(), Segment.KIND_LOCK, LockLayout.VERSION, "rlock"));
        }
    },
    SEMAPHORE {
        @Override
        public Object reattach(HandleProxy p) {
            return new Semaphore(semaphore(p));
        }
    },
    BOUNDED_SEMAPHORE {
        @Override
        public Object reattach(HandleProxy p) {
            return new BoundedSemaphore(semaphore(p));
        }
    },
    EVENT {
        @Override
        public Object reattach(HandleProxy p) {
            return new Event(Attachment.attach(p.file(), Segment.KIND_EVENT, EventLayout.VERSION, "event"));
        }
    },
    /** Extras: the lock (a Lock or an RLock, which re-attaches by its own proxy). */
    CONDITION {
        @Override
        public Object reattach(HandleProxy p) {
            return new Condition(Attachment.attach(p.file(), Segment.KIND_CONDITION, ConditionLayout.VERSION,
                    "condition"), p.extra(0), false);
        }
    },
    /** Extras: the action and the default timeout, either null. */
    BARRIER {
        @Override
        public Object reattach(HandleProxy p) {
            return new Barrier(Attachment.attach(p.file(), Segment.KIND_BARRIER, BarrierLayout.VERSION, "barrier"),
                    (Target0) p.extra(0), (Duration) p.extra(1));
        }
    };

    private static Attachment semaphore(HandleProxy p) {
        return Attachment.attach(p.file(), Segment.KIND_SEMAPHORE, SemaphoreLayout.VERSION, "semaphore");
    }
}

package io.github.multiprocessing4j.ipc;

import io.github.multiprocessing4j.internal.shm.HandleProxy;
import io.github.multiprocessing4j.internal.shm.Segment;

/** How each handle of this package re-attaches from its {@link HandleProxy serial form}, in the receiving process. */
enum Handles implements HandleProxy.Kind {
    QUEUE {
        @Override
        public Object reattach(HandleProxy p) {
            return new Queue<>(queue(p), QueueCore.QUEUE);
        }
    },
    SIMPLE_QUEUE {
        @Override
        public Object reattach(HandleProxy p) {
            return new SimpleQueue<>(queue(p));
        }
    },
    JOINABLE_QUEUE {
        @Override
        public Object reattach(HandleProxy p) {
            return new JoinableQueue<>(queue(p));
        }
    },
    /** The index is the end: 1 or 2. */
    CONNECTION {
        @Override
        public Object reattach(HandleProxy p) {
            return Connection.attach(Segment.attach(p.file(), Segment.KIND_PIPE, PipeLayout.VERSION), p.index());
        }
    };

    private static Segment queue(HandleProxy p) {
        return Segment.attach(p.file(), Segment.KIND_QUEUE, QueueLayout.VERSION);
    }
}

package io.github.multiprocessing4j.ipc;

import io.github.multiprocessing4j.internal.shm.HandleProxy;
import io.github.multiprocessing4j.internal.shm.Segment;

/** How each handle of this package re-attaches from its {@link HandleProxy serial form}, in the receiving process. */
enum Handles implements HandleProxy.Kind {
    QUEUE,
    SIMPLE_QUEUE,
    JOINABLE_QUEUE,
    /** The index is the end: 1 or 2. */
    CONNECTION;

    @Override
    public Object reattach(HandleProxy p) {
        switch (this) {
            case CONNECTION:
                return PipeConnection.attach(Segment.attach(p.file(), Segment.KIND_PIPE, PipeLayout.VERSION), p.index());
            case SIMPLE_QUEUE:
                return new SimpleQueue<>(queue(p));
            case JOINABLE_QUEUE:
                return new JoinableQueue<>(queue(p));
            default:
                return new Queue<>(queue(p), QueueCore.QUEUE);
        }
    }

    private static Segment queue(HandleProxy p) {
        return Segment.attach(p.file(), Segment.KIND_QUEUE, QueueLayout.VERSION);
    }
}

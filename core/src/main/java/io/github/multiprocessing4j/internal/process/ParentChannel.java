package io.github.multiprocessing4j.internal.process;

import io.github.multiprocessing4j.internal.watch.ParentWatch;
import io.github.multiprocessing4j.internal.wire.Frame;
import io.github.multiprocessing4j.internal.wire.FrameReader;

/**
 * A child's channel to its parent, for a {@link ChildTask} that talks to it while it runs (a pool worker reads
 * tasks and sends results).
 */
public interface ParentChannel {
    /**
     * The frames the parent sends after the task; {@code read()} returns null when the parent is gone. Only for a
     * task that {@linkplain ChildTask#readsParentInput() reads its input}: it must then report that end to
     * {@link #watch()}.
     */
    FrameReader input();

    /** Sends a frame to the parent; never throws: when the parent is gone there is no one left to tell. */
    void send(Frame frame);

    /** The watch on the parent's life. */
    ParentWatch watch();
}

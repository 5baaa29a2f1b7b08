package io.github.multiprocessing4j.internal.child;

import io.github.multiprocessing4j.internal.wire.FrameReader;

/**
 * The child's end of its channel, for machinery that talks to the parent while it runs (a pool worker reads tasks
 * and sends results). A {@link io.github.multiprocessing4j.Process} that implements {@link InputConsumer} reads the
 * frames that follow its task from {@link #input()} itself, and must treat the end of input as the death of the
 * parent; any other process has them read (and the end noticed) by a watcher thread.
 */
public final class ParentChannel {
    private static volatile FrameReader input;
    private static volatile ParentLink link;

    private ParentChannel() {
    }

    /** Marks a Process that reads its parent's frames itself. */
    public interface InputConsumer {
    }

    static void init(FrameReader in, ParentLink out) {
        input = in;
        link = out;
    }

    /** The frames from the parent after the task; {@code read()} returns null when the parent is gone. */
    public static FrameReader input() {
        FrameReader in = input;
        if (in == null) {
            throw new IllegalStateException("not a child process");
        }
        return in;
    }

    /** Sends a frame to the parent; a dead parent is ignored (there is no one left to tell). */
    public static void send(byte type, byte[] payload) {
        ParentLink out = link;
        if (out == null) {
            throw new IllegalStateException("not a child process");
        }
        out.send(type, payload);
    }

    /** Called by an input consumer when it sees the end of its input. */
    public static void parentGone() {
        ProcessContext.parentDied();
    }
}

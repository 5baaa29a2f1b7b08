package io.github.multiprocessing4j.internal.child;

import io.github.multiprocessing4j.internal.process.ParentChannel;
import io.github.multiprocessing4j.internal.watch.ParentWatch;
import io.github.multiprocessing4j.internal.wire.Frame;
import io.github.multiprocessing4j.internal.wire.FrameReader;

/** A child's channel to its parent: stdin in, the socket out, and the watch on the parent. */
final class ChildChannel implements ParentChannel {
    private final FrameReader input;
    private final ParentLink link;
    private final ParentWatch watch;

    ChildChannel(FrameReader input, ParentLink link, ParentWatch watch) {
        this.input = input;
        this.link = link;
        this.watch = watch;
    }

    @Override
    public FrameReader input() {
        return input;
    }

    @Override
    public void send(Frame frame) {
        link.send(frame);
    }

    @Override
    public ParentWatch watch() {
        return watch;
    }
}

package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.internal.codec.ThrowableData;
import io.github.multiprocessing4j.internal.process.ChildTask;
import io.github.multiprocessing4j.internal.process.ParentChannel;
import io.github.multiprocessing4j.internal.process.Targets;
import io.github.multiprocessing4j.internal.wire.Frame;
import io.github.multiprocessing4j.internal.wire.FrameReader;
import io.github.multiprocessing4j.internal.wire.FrameType;
import java.io.IOException;
import java.io.Serializable;

/**
 * What a pool worker JVM runs: the initializer, then tasks read from stdin until the parent says to stop or goes
 * away. One thread reads, runs and answers, so a task costs no thread hop in the worker.
 *
 * <p>A worker may start processes (it is not a daemon). When it ends, for whatever reason it can see (told to
 * retire, over its memory limit, parent gone), it first kills every process it started, and their descendants.
 * The parent's death is noticed by the child's one {@link io.github.multiprocessing4j.internal.watch.ParentWatch}:
 * from the end of stdin between tasks, and from the start (its initializer and its tasks included) by polling the
 * parent every {@value #PARENT_POLL_MILLIS} ms.
 */
final class WorkerLoop implements ChildTask {
    private static final long serialVersionUID = 1L;
    static final long PARENT_POLL_MILLIS = 20;
    private static final long SPIN_NANOS = 50_000;

    private final Serializable initializer;
    // javac 21+ (serial): the element type is Object, but the pool encodes the loop before it starts a worker,
    // which fails with SerializationFailedException when an initializer argument is not serializable
    @SuppressWarnings("serial")
    private final Object[] initArgs;
    private final long maxMemoryBytes;

    WorkerLoop(Serializable initializer, Object[] initArgs, long maxMemoryBytes) {
        this.initializer = initializer;
        this.initArgs = initArgs;
        this.maxMemoryBytes = maxMemoryBytes;
    }

    @Override
    public boolean readsParentInput() {
        return true;
    }

    @Override
    public void run(ParentChannel parent) {
        parent.watch().onGone(WorkerLoop::parentGone);
        parent.watch().startPolling(PARENT_POLL_MILLIS);
        try {
            if (initializer != null) {
                Targets.invoke(initializer, initArgs);
            }
        } catch (Throwable t) {
            parent.send(new Frame(FrameType.POOL_INIT_FAILED, ThrowableData.encode(t)));
            endDescendants();
            System.exit(1);
        }
        parent.send(Frame.empty(FrameType.POOL_READY));
        FrameReader in = parent.input();
        TaskRunner runner = new TaskRunner();
        while (true) {
            Frame frame;
            try {
                frame = in.read();
            } catch (IOException e) {
                frame = null;
            }
            if (frame == null) {
                parent.watch().inputEnded();
                break;
            }
            if (frame.type() == FrameType.POOL_EXIT) {
                break;
            }
            if (frame.type() == FrameType.POOL_TASK) {
                byte[] result = runner.run(frame.payload());
                if (result == null) {
                    continue; // a release frame: nothing ran, nothing to answer
                }
                parent.send(new Frame(FrameType.POOL_RESULT, result));
                awaitInput(in);
                if (maxMemoryBytes > 0 && MemoryProbe.residentBytes() > maxMemoryBytes) {
                    parent.send(Frame.empty(FrameType.POOL_RETIRING));
                    break;
                }
            }
        }
        endDescendants();
        // end as Python's workers do, without waiting for threads a task may have left running
        System.exit(0);
    }

    /** The parent is gone: nobody will take results; end what the tasks started, and this JVM, at once. */
    private static void parentGone() {
        endDescendants();
        Runtime.getRuntime().halt(1);
    }

    /**
     * Waits a little on-CPU for the next task before blocking in read: a parent that submits tasks one after the
     * other sends the next within microseconds, and a vCPU that went idle takes tens of microseconds to wake.
     * It yields rather than spins: on a machine with few cores the parent's thread that sends the next task (or
     * takes this result) may share this CPU, and a spin that does not yield would hold it off for the whole spin.
     */
    private static void awaitInput(FrameReader in) {
        long end = System.nanoTime() + SPIN_NANOS;
        try {
            while (in.available() == 0 && System.nanoTime() < end) {
                Thread.yield();
            }
        } catch (IOException e) {
            // the next read reports it
        }
    }

    /** Kills what the tasks started: the whole tree below this JVM. */
    static void endDescendants() {
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    }
}

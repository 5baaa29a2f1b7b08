package io.github.multiprocessing4j.internal.child;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.internal.codec.AllowList;
import io.github.multiprocessing4j.internal.codec.Codec;
import io.github.multiprocessing4j.internal.codec.ThrowableData;
import io.github.multiprocessing4j.internal.process.DirectTask;
import io.github.multiprocessing4j.internal.wire.Boot;
import io.github.multiprocessing4j.internal.wire.Frame;
import io.github.multiprocessing4j.internal.wire.FrameReader;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The entry point of every child JVM.
 *
 * <p>The control channel is the child's stdin (parent to child) and a Unix socket (child to parent); stdout and
 * stderr belong to the user's code. {@code System.in} is replaced by an empty stream, as Python gives its children
 * an empty stdin. The end of stdin means the parent died: a daemon child then halts at once, a non-daemon child
 * finishes its target. When the target returns, the JVM ends as {@code main} returning does (after the target's
 * non-daemon threads end) with status 0; when it throws, its stack trace is printed as Python prints a child's
 * traceback, sent to the parent, and the JVM ends with status 1.
 */
public final class ChildMain {
    private ChildMain() {
    }

    /**
     * Runs the child.
     *
     * @param args ignored: everything comes from stdin
     * @throws IOException when stdin does not carry a valid boot frame (the JVM ends with status 1)
     */
    public static void main(String[] args) throws IOException {
        // a channel underneath: closing it wakes a thread blocked reading it (see ExitReporter)
        StdinInput stdinInput = StdinInput.open();
        FileChannel stdin = stdinInput.channel();
        BufferedInputStream buffered = new BufferedInputStream(stdinInput, 64 * 1024);
        FrameReader control = new FrameReader(buffered);
        System.setIn(new ByteArrayInputStream(new byte[0]));
        Frame first = control.read();
        if (first == null) {
            return; // the parent went away first
        }
        if (first.type() != Frame.BOOT && first.type() != Frame.SPARE) {
            throw new IOException("this class is started by multiprocessing4j; it expects a boot frame on stdin");
        }
        ByteBuffer firstPayload = ByteBuffer.wrap(first.payload());
        byte[] bootBytes = first.payload();
        if (first.type() == Frame.SPARE) {
            bootBytes = new byte[firstPayload.getInt()];
            firstPayload.get(bootBytes);
        }
        Boot boot = Boot.decode(bootBytes);
        ParentLink link = ParentLink.connectAsync(boot);
        ExitReporter exit = new ExitReporter();
        exit.install(link, stdin);
        allow(boot);
        if (first.type() == Frame.SPARE) {
            byte[] warmup = new byte[firstPayload.remaining()];
            firstPayload.get(warmup);
            warmUp(warmup, buffered);
            link.send(Frame.READY, new byte[0]);
            Frame assigned = control.read();
            if (assigned == null || assigned.type() != Frame.BOOT) {
                return; // retired, or the parent is gone
            }
            boot = Boot.decode(assigned.payload());
            allow(boot);
        }
        ProcessContext.initChild(boot);
        Frame task = control.read();
        if (task == null || task.type() != Frame.TASK) {
            return; // the parent died before sending the task
        }
        ParentChannel.init(control, link);

        Process process;
        try {
            process = decodeTask(task.payload());
            if (!(process instanceof ParentChannel.InputConsumer)) {
                watchParent(control, boot.daemon());
            }
            ProcessContext.setCurrent(process);
            process.run();
        } catch (Throwable t) {
            System.err.println("Process " + boot.name() + ":");
            t.printStackTrace();
            System.err.flush();
            link.send(Frame.EXCEPTION, ThrowableData.encode(t));
            exit.ended(ExitReporter.THREW);
            // end as a JVM whose main threw: status 1 once the target's non-daemon threads are done
            Thread.currentThread().setUncaughtExceptionHandler((thread, e) -> { });
            throw new ChildFailed();
        }
        exit.ended(ExitReporter.RETURNED);
    }

    /**
     * A spare loads and links what running a task will need: it runs a harmless task of its own through the path
     * from a task's arrival to its target, decodes (never runs) a sample task (the last one its parent started),
     * and exercises java.io both ways. It stops as soon as its own task is waiting: a spare taken while still
     * booting must not spend on warming what the task itself is about to load.
     */
    private static void warmUp(byte[] sample, BufferedInputStream stdin) {
        try {
            ProcessContext.isExiting();
            new ParentWatcher(null, false).getName();
            decodeTask(Warmup.directSample()).run();
            if (isTaskWaiting(stdin)) {
                return;
            }
            if (sample.length > 0) {
                decodeTask(sample);
            }
            if (isTaskWaiting(stdin)) {
                return;
            }
            Object sample2 = Codec.decode(Codec.encode(Warmup.sample(), "the warm-up sample").bytes(),
                    AllowList.global());
            io.github.multiprocessing4j.internal.process.Targets.invoke(sample2, new Object[] {"warm"});
            if (isTaskWaiting(stdin)) {
                return;
            }
            ThrowableData.encode(new IllegalStateException("warm-up"));
        } catch (Exception | LinkageError e) {
            // a sample that does not decode or run here only means less warm-up
        }
    }

    /** Whether the parent has written more (its task): in the buffer already, or in the pipe. */
    private static boolean isTaskWaiting(BufferedInputStream stdin) {
        try {
            return stdin.available() > 0;
        } catch (IOException e) {
            return true;
        }
    }

    private static void watchParent(FrameReader control, boolean daemon) {
        ParentWatcher watcher = new ParentWatcher(control, daemon);
        watcher.start();
    }

    /**
     * Reads stdin after the task: its end means the parent died. A named class rather than a lambda: on a
     * spare's path from its task to the target, a first lambda would cost a bootstrap of about a millisecond.
     */
    private static final class ParentWatcher extends Thread {
        private final FrameReader control;
        private final boolean daemon;

        ParentWatcher(FrameReader control, boolean daemon) {
            super("mp4j-parent-watch");
            this.control = control;
            this.daemon = daemon;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                // after the task, stdin carries nothing until the parent goes away
                while (control.read() != null) {
                    continue;
                }
            } catch (IOException e) {
                // a broken pipe is a dead parent too, unless this JVM closed it on its way out
            }
            if (ProcessContext.isExiting()) {
                return;
            }
            ProcessContext.parentDied();
            if (daemon) {
                Runtime.getRuntime().halt(128 + 15);
            }
        }
    }

    private static Process decodeTask(byte[] task) throws IOException, ClassNotFoundException,
            ReflectiveOperationException {
        return DirectTask.isDirect(task) ? DirectTask.decode(task, AllowList.global())
                : (Process) Codec.decode(task, AllowList.global());
    }

    /** Adds the parent's allow-list patterns (a loop: see {@link ParentWatcher} on first lambdas). */
    private static void allow(Boot boot) {
        AllowList list = AllowList.global();
        for (String pattern : boot.allowPatterns()) {
            list.add(pattern);
        }
    }

    /** Ends the main thread after the failure was reported; the JVM's exit status is then 1. */
    private static final class ChildFailed extends Error {
        private static final long serialVersionUID = 1L;

        ChildFailed() {
            super(null, null, false, false);
        }
    }
}

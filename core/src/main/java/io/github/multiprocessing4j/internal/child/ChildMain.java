package io.github.multiprocessing4j.internal.child;

import io.github.multiprocessing4j.internal.codec.AllowList;
import io.github.multiprocessing4j.internal.codec.Codec;
import io.github.multiprocessing4j.internal.codec.ThrowableData;
import io.github.multiprocessing4j.internal.process.ChildTask;
import io.github.multiprocessing4j.internal.process.DirectTask;
import io.github.multiprocessing4j.internal.process.Identity;
import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.internal.watch.ParentWatch;
import io.github.multiprocessing4j.internal.wire.Boot;
import io.github.multiprocessing4j.internal.wire.ExitReport;
import io.github.multiprocessing4j.internal.wire.Frame;
import io.github.multiprocessing4j.internal.wire.FrameReader;
import io.github.multiprocessing4j.internal.wire.FrameType;
import io.github.multiprocessing4j.internal.wire.SpareBoot;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * The entry point of every child JVM.
 *
 * <p>The control channel is the child's stdin (parent to child) and a Unix socket (child to parent); stdout and
 * stderr belong to the user's code. {@code System.in} is replaced by an empty stream, as Python gives its children
 * an empty stdin. The end of stdin means the parent died ({@link ParentWatch}): a daemon child then halts at once,
 * a non-daemon child finishes its task. When the task returns, the JVM ends as {@code main} returning does (after
 * the task's non-daemon threads end) with status 0; when it throws, its stack trace is printed as Python prints a
 * child's traceback, sent to the parent, and the JVM ends with status 1.
 *
 * <p>A child ended while it starts (SIGTERM, SIGKILL, its parent's death) ends quietly: nothing is printed. A
 * spare (a JVM started ahead of need) halts as soon as its parent is gone, seen by polling while it warms up and
 * by the end of its stdin once it waits.
 */
public final class ChildMain {
    /** How often a spare polls its parent until it is assigned a task. */
    private static final long SPARE_POLL_MILLIS = 20;

    private ChildMain() {
    }

    /**
     * Runs the child.
     *
     * @param args ignored: everything comes from stdin
     * @throws IOException when stdin does not carry a valid boot frame (the JVM ends with status 1)
     */
    public static void main(String[] args) throws IOException {
        JvmRuntime runtime = JvmRuntime.forChild();
        if (runtime == null) {
            return; // a signal ended this JVM before it could start
        }
        ExitReporter exit = new ExitReporter();
        exit.catchSignals();
        // a channel underneath: closing it wakes a thread blocked reading it (see ExitReporter)
        StdinInput stdin = StdinInput.open();
        BufferedInputStream buffered = new BufferedInputStream(stdin, 64 * 1024);
        FrameReader control = new FrameReader(buffered);
        System.setIn(new ByteArrayInputStream(new byte[0]));
        Frame first = readQuietly(control, null);
        if (first == null) {
            return; // the parent went away first, or this JVM is exiting
        }
        if (first.type() != FrameType.BOOT && first.type() != FrameType.SPARE) {
            throw new IOException("this class is started by multiprocessing4j; it expects a boot frame on stdin");
        }
        SpareBoot spare = first.type() == FrameType.SPARE ? SpareBoot.decode(first.payload()) : null;
        Boot boot = spare != null ? spare.boot() : Boot.decode(first.payload());
        ParentLink link = ParentLink.connectAsync(boot);
        ParentWatch watch = new ParentWatch(boot.parentPid(), boot.parentStart());
        exit.reportAtExit(runtime, link, stdin, watch);
        allow(runtime.allowList(), boot);
        if (spare != null) {
            // nobody reads stdin while a spare warms up: it polls, and halts as soon as its parent is gone, unless
            // it was given a process meanwhile (a non-daemon process runs to its end, whatever its parent does)
            watch.onGone(new SpareHalt(buffered));
            watch.startPolling(SPARE_POLL_MILLIS);
            warmUp(runtime.allowList(), spare.warmup(), buffered, boot);
            // from now on the main thread reads stdin, whose end is the parent's end: polling would only cost
            // CPU (an idle spare polled 50 times a second), and the JVM exits as soon as stdin ends
            watch.stopPolling();
            link.send(Frame.empty(FrameType.READY));
            Frame assigned = readQuietly(control, watch);
            if (assigned == null || assigned.type() != FrameType.BOOT) {
                return; // retired, or the parent is gone
            }
            watch.stopPolling();
            watch.onGone(null);
            boot = Boot.decode(assigned.payload());
            allow(runtime.allowList(), boot);
        }
        runtime.becomeChild(Identity.of(boot), watch);
        if (boot.authkey().length > 0) {
            runtime.setAuthkey(boot.authkey());
        }
        if (boot.daemon()) {
            watch.onGone(new Halt());
        }
        Frame taskFrame = readQuietly(control, watch);
        if (taskFrame == null || taskFrame.type() != FrameType.TASK) {
            return; // the parent died before sending the task
        }
        run(runtime, boot, taskFrame.payload(), new ChildChannel(control, link, watch), exit);
    }

    private static void run(JvmRuntime runtime, Boot boot, byte[] taskBytes, ChildChannel channel,
            ExitReporter exit) {
        try {
            ChildTask task = decodeTask(runtime.allowList(), taskBytes);
            if (!task.readsParentInput()) {
                new InputWatcher(channel.input(), channel.watch()).start();
            }
            runtime.setCurrentTask(task);
            task.run(channel);
        } catch (Throwable t) {
            System.err.println("Process " + boot.name() + ":");
            t.printStackTrace();
            System.err.flush();
            channel.send(new Frame(FrameType.EXCEPTION, ThrowableData.encode(t)));
            exit.ended(ExitReport.Kind.THREW);
            // end as a JVM whose main threw: status 1 once the target's non-daemon threads are done
            Thread.currentThread().setUncaughtExceptionHandler(new Silent());
            throw new ChildFailed();
        }
        exit.ended(ExitReport.Kind.RETURNED);
    }

    /**
     * Reads the next control frame; null at the end of stdin, and also when the read fails because this JVM is
     * exiting (its exit sequence closed stdin): a child ended while it starts says nothing.
     */
    private static Frame readQuietly(FrameReader control, ParentWatch watch) throws IOException {
        try {
            return control.read();
        } catch (IOException e) {
            if (watch == null || watch.isExiting() || !watch.isParentAlive()) {
                return null;
            }
            throw e;
        }
    }

    /**
     * A spare loads and links what running a task will need: it runs a harmless task of its own through the path
     * from a task's arrival to its target, goes through what the assignment and the exit will run (so that no
     * class is loaded from the class path between the task's arrival and the end of the process), and decodes
     * (never runs) a sample task (the last one its parent started). When that sample is not a direct task it
     * also exercises java.io both ways; a spare whose parent starts direct tasks does not pay for it (it was the
     * largest part of a spare's warm-up). It stops as soon as its own task is waiting: a spare taken while still
     * booting must not spend on warming what the task itself is about to load.
     */
    private static void warmUp(AllowList allowList, byte[] sample, BufferedInputStream stdin, Boot boot) {
        try {
            // the classes a process needs after its boot frame, which a spare that is never assigned (an archive's
            // trainer) would not load: missing from the archive, each child would open its class path's JARs
            // (reading a large JAR's directory costs milliseconds and MiBs) for them alone
            Identity.class.getName();
            ChildChannel.class.getName();
            new InputWatcher(null, null).getName();
            decodeTask(allowList, io.github.multiprocessing4j.internal.process.Warmup.directSample()).run(null);
            rehearseAssignmentAndExit(allowList, boot);
            if (isTaskWaiting(stdin)) {
                return;
            }
            if (sample.length > 0) {
                decodeTask(allowList, sample);
            }
            if (DirectTask.isDirect(sample) || isTaskWaiting(stdin)) {
                return;
            }
            io.github.multiprocessing4j.internal.process.Warmup.roundTrip(allowList);
            if (isTaskWaiting(stdin)) {
                return;
            }
            ThrowableData.encode(new IllegalStateException("warm-up"));
        } catch (Exception | LinkageError e) {
            // a sample that does not decode or run here only means less warm-up
        }
    }

    /**
     * Runs, without effect, what a spare runs once assigned and when its process ends: decoding a boot frame, the
     * identity, the exit report and the exit sequence's release of shared memory (which holds nothing yet), and
     * loads the exceptions a closed stdin throws at exit.
     */
    private static void rehearseAssignmentAndExit(AllowList allowList, Boot boot) throws IOException {
        allow(allowList, Boot.decode(boot.encode()));
        Identity.of(boot).childNumbers(1);
        new ChildChannel(null, null, null).watch();
        new Halt().getClass();
        ExitReport.decode(new ExitReport(ExitReport.Kind.RETURNED, 0).toFrame().payload());
        io.github.multiprocessing4j.internal.shm.ShmRegistry.releaseAtExit();
        new java.nio.channels.AsynchronousCloseException().getStackTrace();
        new java.nio.channels.ClosedChannelException().getStackTrace();
    }

    /** Whether the parent has written more (its task): in the buffer already, or in the pipe. */
    private static boolean isTaskWaiting(BufferedInputStream stdin) {
        try {
            return stdin.available() > 0;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Reads stdin after the task: nothing comes until the parent goes away, and its end is the parent's death. A
     * named class rather than a lambda: on a spare's path from its task to the target, a first lambda would cost
     * a bootstrap of about a millisecond.
     */
    private static final class InputWatcher extends Thread {
        private final FrameReader control;
        private final ParentWatch watch;

        InputWatcher(FrameReader control, ParentWatch watch) {
            super("mp4j-parent-watch");
            this.control = control;
            this.watch = watch;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (control.read() != null) {
                    continue;
                }
            } catch (IOException e) {
                // a broken pipe is the parent's end too, unless this JVM closed it on its way out
            }
            watch.inputEnded();
        }
    }

    /** What a daemon child does when its parent is gone: it ends at once, as if terminated. */
    private static final class Halt implements Runnable {
        @Override
        public void run() {
            Runtime.getRuntime().halt(128 + 15);
        }
    }

    /** What a spare does when its parent is gone: it halts, unless its process is waiting in stdin already. */
    private static final class SpareHalt implements Runnable {
        private final BufferedInputStream stdin;

        SpareHalt(BufferedInputStream stdin) {
            this.stdin = stdin;
        }

        @Override
        public void run() {
            if (!isTaskWaiting(stdin)) {
                Runtime.getRuntime().halt(128 + 15);
            }
        }
    }

    /** Keeps the JVM from printing the {@link ChildFailed} that ends the main thread. */
    private static final class Silent implements Thread.UncaughtExceptionHandler {
        @Override
        public void uncaughtException(Thread thread, Throwable e) {
            // the failure was printed and reported already
        }
    }

    private static ChildTask decodeTask(AllowList allowList, byte[] task) throws IOException,
            ClassNotFoundException, ReflectiveOperationException {
        return DirectTask.isDirect(task) ? DirectTask.decode(task, allowList)
                : (ChildTask) Codec.decode(task, allowList);
    }

    /** Adds the parent's allow-list patterns (a loop, not a lambda: see {@link InputWatcher}). */
    private static void allow(AllowList list, Boot boot) {
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

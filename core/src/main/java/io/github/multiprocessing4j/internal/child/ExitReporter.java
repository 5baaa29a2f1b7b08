package io.github.multiprocessing4j.internal.child;

import io.github.multiprocessing4j.internal.wire.Frame;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Tells the parent how this child ends, so that it can report exit codes as Python does: the JVM turns SIGTERM
 * into an ordinary exit with status 143, which the parent could not tell apart from {@code System.exit(143)}.
 * A shutdown hook sends the kind of ending (returned, threw, {@code System.exit}, or a signal caught here); the
 * parent reads the status from the operating system.
 */
final class ExitReporter {
    static final byte SYSTEM_EXIT = 0;
    static final byte RETURNED = 1;
    static final byte THREW = 2;
    static final byte SIGNAL = 3;

    private volatile byte kind = SYSTEM_EXIT;
    private volatile int signal;

    void install(ParentLink link, Closeable stdin) {
        for (String name : new String[] {"TERM", "INT", "HUP"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), new SignalExit(this));
            } catch (IllegalArgumentException e) {
                // the JVM reserves this signal (e.g. under -Xrs): its default action stays
            }
        }
        // after the signal handlers: a SIGTERM that comes before them ends the JVM with no report at all, which
        // the parent reads as -15; one that comes between would be reported as an ordinary exit
        Runtime.getRuntime().addShutdownHook(new ExitHook(this, link, stdin));
    }

    /*
     * Named classes rather than lambdas here and in ParentLink: the first lambda of a fresh JVM starts the
     * invokedynamic machinery, tens of milliseconds on the path of every fresh child's start.
     */

    /** Turns a caught signal into an orderly exit that reports it. */
    private static final class SignalExit implements sun.misc.SignalHandler {
        private final ExitReporter reporter;

        SignalExit(ExitReporter reporter) {
            this.reporter = reporter;
        }

        @Override
        public void handle(sun.misc.Signal caught) {
            reporter.signal = caught.getNumber();
            reporter.kind = SIGNAL;
            System.exit(128 + caught.getNumber());
        }
    }

    /** Sends the exit report, then lets go of stdin. */
    private static final class ExitHook extends Thread {
        private final ExitReporter reporter;
        private final ParentLink link;
        private final Closeable stdin;

        ExitHook(ExitReporter reporter, ParentLink link, Closeable stdin) {
            super("mp4j-exit-report");
            this.reporter = reporter;
            this.link = link;
            this.stdin = stdin;
        }

        @Override
        public void run() {
            link.sendWelcomed(Frame.EXIT, ByteBuffer.allocate(5).put(reporter.kind).putInt(reporter.signal).array(),
                    2000);
            // HotSpot waits up to 300 ms at exit for threads blocked in native code, such as the thread that
            // reads stdin to notice the parent's death; closing the channel wakes it up
            ProcessContext.markExiting();
            try {
                stdin.close();
            } catch (IOException e) {
                // it is closed either way
            }
        }
    }

    void ended(byte how) {
        if (kind != SIGNAL) {
            kind = how;
        }
    }
}

package io.github.multiprocessing4j.internal.child;

import io.github.multiprocessing4j.internal.runtime.ExitStage;
import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.internal.watch.ParentWatch;
import io.github.multiprocessing4j.internal.wire.ExitReport;
import java.io.Closeable;
import java.io.IOException;

/**
 * Tells the parent how this child ends ({@link ExitReport}), as the last step of the runtime's exit sequence.
 * SIGTERM, SIGINT and SIGHUP are caught and turned into an orderly exit that reports the signal, so the parent
 * can tell them from {@code System.exit(128+N)}.
 */
final class ExitReporter {
    private volatile ExitReport.Kind kind = ExitReport.Kind.SYSTEM_EXIT;
    private volatile int signal;

    /**
     * Catches the signals. Called right after the runtime's exit hook is installed: a signal that comes before
     * either ends the JVM without a report, which the parent reads as the signal.
     */
    void catchSignals() {
        for (String name : new String[] {"TERM", "INT", "HUP"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), new SignalExit(this));
            } catch (IllegalArgumentException e) {
                // the JVM reserves this signal (e.g. under -Xrs): its default action stays
            }
        }
    }

    /** Adds the report to the runtime's exit sequence, once the child knows where to send it. */
    void reportAtExit(JvmRuntime runtime, ParentLink link, Closeable stdin, ParentWatch watch) {
        runtime.atExit(ExitStage.REPORT_TO_PARENT, new Report(this, link, stdin, watch));
    }

    /** Records how the target ended (a signal caught meanwhile wins). */
    void ended(ExitReport.Kind how) {
        if (kind != ExitReport.Kind.SIGNAL) {
            kind = how;
        }
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
            reporter.kind = ExitReport.Kind.SIGNAL;
            System.exit(128 + caught.getNumber());
        }
    }

    /** Sends the exit report, then lets go of stdin. */
    private static final class Report implements Runnable {
        private final ExitReporter reporter;
        private final ParentLink link;
        private final Closeable stdin;
        private final ParentWatch watch;

        Report(ExitReporter reporter, ParentLink link, Closeable stdin, ParentWatch watch) {
            this.reporter = reporter;
            this.link = link;
            this.stdin = stdin;
            this.watch = watch;
        }

        @Override
        public void run() {
            ExitReport.Kind how = reporter.kind;
            link.sendWelcomed(new ExitReport(how, how == ExitReport.Kind.SIGNAL ? reporter.signal : 0).toFrame(),
                    2000);
            // HotSpot waits up to 300 ms at exit for threads blocked in native code, such as the thread that
            // reads stdin to notice the parent's death; closing the channel wakes it up
            watch.markExiting();
            try {
                stdin.close();
            } catch (IOException e) {
                // it is closed either way
            }
        }
    }
}

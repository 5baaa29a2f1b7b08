package io.github.multiprocessing4j.internal.pool;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr drawn by me.tongfei:progressbar, an optional dependency: this class is loaded only when
 * a caller asks for a bar, after {@link ProgressSink} checked that the library is there.
 *
 * <p>On a terminal the bar is redrawn in place five times a second. When stderr is not a terminal (a log file, CI)
 * it prints one whole line every {@link #LINE_INTERVAL_MILLIS}, and a last one when the call ends, so a log gets
 * readable lines instead of one line of carriage returns. The bar never asks the terminal for its width: the
 * library would load JLine's native code for that, which JDK 24+ reports with a restricted-method warning.
 */
final class TerminalProgressBar {
    /** How often a line is printed when stderr is not a terminal. */
    static final int LINE_INTERVAL_MILLIS = 5_000;
    private static final int REDRAW_INTERVAL_MILLIS = 200;
    private static final int DEFAULT_WIDTH = 80;

    private final ProgressBar bar;

    private TerminalProgressBar(ProgressBar bar) {
        this.bar = bar;
    }

    static TerminalProgressBar open(String name, long total) {
        return open(name, total, LINE_INTERVAL_MILLIS);
    }

    static TerminalProgressBar open(String name, long total, int lineIntervalMillis) {
        PrintStream err = System.err;
        int width = width();
        boolean terminal = stderrIsTerminal();
        ProgressBarConsumer consumer = terminal ? new ConsoleProgressBarConsumer(err, width)
                : new DelegatingProgressBarConsumer(new Lines(err), width);
        return new TerminalProgressBar(new ProgressBarBuilder().setTaskName(name).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(consumer)
                .setUpdateIntervalMillis(terminal ? REDRAW_INTERVAL_MILLIS : lineIntervalMillis)
                .continuousUpdate().build());
    }

    /** The shell's {@code COLUMNS} when it is exported, else 80; one column is left free, as the library does. */
    private static int width() {
        String columns = System.getenv("COLUMNS");
        if (columns != null && columns.matches("\\d{2,4}")) {
            return Integer.parseInt(columns) - 1;
        }
        return DEFAULT_WIDTH - 1;
    }

    /**
     * Whether file descriptor 2 is a terminal: on Linux, where {@code /proc/self/fd/2} points; elsewhere, whether the
     * JVM has an interactive console (stdin and stdout), the nearest a JVM can tell.
     */
    static boolean stderrIsTerminal() {
        Path fd2 = Paths.get("/proc/self/fd/2");
        if (Files.isSymbolicLink(fd2)) {
            try {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException e) {
                return false;
            }
        }
        return isInteractive(System.console());
    }

    private static boolean isInteractive(Console console) {
        if (console == null) {
            return false;
        }
        // JDK 22+ returns a Console even when redirected; its isTerminal() (absent on 17) tells
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** Prints each line, except one equal to the line before (the last tick and the close often draw the same). */
    private static final class Lines implements Consumer<String> {
        private final PrintStream out;
        private String last;

        Lines(PrintStream out) {
            this.out = out;
        }

        @Override
        public synchronized void accept(String line) {
            if (!line.equals(last)) {
                last = line;
                out.println(line);
            }
        }
    }

    void total(long n) {
        bar.maxHint(n);
    }

    void stepTo(long n) {
        bar.stepTo(n);
    }

    void close() {
        bar.close();
    }
}

package io.github.multiprocessing4j.internal.pool;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr drawn by me.tongfei:progressbar, an optional dependency: this class is loaded only when
 * a caller asks for a bar, after {@link ProgressSink} checked that the library is there.
 */
final class TerminalProgressBar {
    private final ProgressBar bar;

    private TerminalProgressBar(ProgressBar bar) {
        this.bar = bar;
    }

    static TerminalProgressBar open(String name, long total) {
        return new TerminalProgressBar(new ProgressBarBuilder().setTaskName(name).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(200).continuousUpdate().build());
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

package io.github.multiprocessing4j.internal.pool;

/**
 * A main program for {@link TerminalProgressBarTest}: draws a bar of 20 steps over about two seconds, printing a
 * line every 300 ms when stderr is not a terminal.
 */
public final class ProgressLines {
    private ProgressLines() {
    }

    public static void main(String[] args) throws InterruptedException {
        TerminalProgressBar bar = TerminalProgressBar.open("map", 20, 300);
        for (int i = 1; i <= 20; i++) {
            Thread.sleep(100);
            bar.stepTo(i);
        }
        bar.close();
    }
}

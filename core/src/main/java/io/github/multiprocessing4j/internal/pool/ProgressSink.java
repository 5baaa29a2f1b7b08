package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.function.ProgressListener;

/**
 * Where a map-style call reports its progress: the caller's listener and, when asked for, a progress bar on
 * stderr. Called on pool threads; the bar is closed when the call ends.
 */
public final class ProgressSink {
    private final ProgressListener listener;
    private final TerminalProgressBar bar;
    private long completed;
    private long total;
    private boolean closed;

    /**
     * Creates the sink.
     *
     * @param listener the caller's listener, or null
     * @param bar whether to draw a progress bar on stderr
     * @param name the bar's label
     * @param total the number of elements, or -1 when unknown yet
     * @throws IllegalStateException when a bar is asked for and the progressbar library is missing
     */
    public ProgressSink(ProgressListener listener, boolean bar, String name, long total) {
        this.listener = listener;
        this.bar = bar ? openBar(name, total) : null;
        this.total = total;
    }

    private static TerminalProgressBar openBar(String name, long total) {
        // the name is spelled out: naming TerminalProgressBar's constant would load it, and with it the library
        String library = "me.tongfei.progressbar.ProgressBar";
        try {
            Class.forName(library, false, ProgressSink.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("a progress bar needs the library me.tongfei:progressbar:0.10.2 on the"
                    + " class path: missing=" + library, e);
        }
        return TerminalProgressBar.open(name, total);
    }

    /** Whether anything listens; when not, callers skip the bookkeeping. */
    public boolean isActive() {
        return listener != null || bar != null;
    }

    /** The input turned out to have this many elements. */
    public synchronized void total(long n) {
        total = n;
        if (bar != null) {
            bar.total(n);
        }
        report();
    }

    /** More elements ended. */
    public synchronized void advance(long n) {
        if (closed) {
            return;
        }
        completed += n;
        if (bar != null) {
            bar.stepTo(completed);
        }
        report();
    }

    private void report() {
        if (listener != null) {
            listener.progress(completed, total);
        }
    }

    /** The call ended: closes the bar. */
    public synchronized void close() {
        if (!closed && bar != null) {
            bar.close();
        }
        closed = true;
    }
}

package io.github.multiprocessing4j.pool;

import io.github.multiprocessing4j.exception.TaskTimeoutException;
import io.github.multiprocessing4j.function.ProgressListener;
import java.time.Duration;
import java.util.Objects;

/**
 * How a map-style call ({@code map}, {@code mapAsync}, {@code starmap}, {@code imap}, {@code imapUnordered})
 * runs: chunk size, progress reporting, and a time limit per element. Immutable and thread-safe; each method
 * returns a copy. Nothing here crosses the process boundary (the listener runs in this JVM). Failed chunks, such as
 * those of a dead worker, count as ended for progress.
 *
 * <pre>{@code
 * pool.map(x -> x * x, inputs, MapOptions.defaults().chunksize(100).progressBar());
 * }</pre>
 */
public final class MapOptions {
    private static final MapOptions DEFAULTS = new MapOptions(0, false, null, null);

    final int chunksize;
    final boolean progressBar;
    final ProgressListener listener;
    final Duration timeout;

    private MapOptions(int chunksize, boolean progressBar, ProgressListener listener, Duration timeout) {
        this.chunksize = chunksize;
        this.progressBar = progressBar;
        this.listener = listener;
        this.timeout = timeout;
    }

    /**
     * Python's defaults: chunk size ceil(n / (4 * workers)) for {@code map}/{@code starmap}, 1 for
     * {@code imap}; no progress; the pool's task timeout.
     *
     * @return the defaults
     */
    public static MapOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Sets how many elements go to a worker at once.
     *
     * @param size at least 1
     * @return a copy with the chunk size
     * @throws IllegalArgumentException when {@code size < 1}
     */
    public MapOptions chunksize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("chunksize must be at least 1: chunksize=" + size);
        }
        return new MapOptions(size, progressBar, listener, timeout);
    }

    /**
     * Draws a progress bar on stderr while the call runs. Needs the optional dependency
     * {@code me.tongfei:progressbar:0.10.2} on the class path (the call throws {@link IllegalStateException}
     * saying so if it is missing).
     *
     * @return a copy with the bar on
     */
    public MapOptions progressBar() {
        return new MapOptions(chunksize, true, listener, timeout);
    }

    /**
     * Reports completed/total to {@code progress} after each chunk.
     *
     * @param progress called on a pool thread; quick and non-blocking
     * @return a copy with the listener
     */
    public MapOptions onProgress(ProgressListener progress) {
        return new MapOptions(chunksize, progressBar, Objects.requireNonNull(progress, "progress"), timeout);
    }

    /**
     * Limits the time per element: a chunk of n elements may run n times {@code limit}; past that its worker is
     * killed and the chunk's elements fail with {@link TaskTimeoutException}.
     *
     * @param limit the time per element
     * @return a copy with the limit
     */
    public MapOptions timeout(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: timeout=" + limit);
        }
        return new MapOptions(chunksize, progressBar, listener, limit);
    }
}

package io.github.multiprocessing4j.function;

/**
 * Told how far a map-style call has come, for programs that draw their own progress (see
 * {@link io.github.multiprocessing4j.pool.MapOptions#onProgress}).
 *
 * <p>Called on a pool thread (the thread that reads a worker's results) after each chunk ends, successfully or
 * not; it must return quickly and must not block. Nothing crosses the process boundary.
 */
@FunctionalInterface
public interface ProgressListener {
    /**
     * Reports progress.
     *
     * @param completed the number of input elements whose task has ended
     * @param total the number of input elements, or -1 while an {@code imap} input is not yet exhausted
     */
    void progress(long completed, long total);
}

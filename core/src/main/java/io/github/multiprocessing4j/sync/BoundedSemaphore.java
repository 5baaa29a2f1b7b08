package io.github.multiprocessing4j.sync;

import io.github.multiprocessing4j.internal.shm.Attachment;

/**
 * A semaphore that refuses to be released above its initial value (Python:
 * {@code multiprocessing.BoundedSemaphore}): such a release throws {@link IllegalStateException}
 * ({@code semaphore released too many times}). Otherwise as {@link Semaphore}.
 */
public final class BoundedSemaphore extends Semaphore {
    private static final long serialVersionUID = 1L;

    /**
     * Creates a bounded semaphore with {@code value} permits, which is also its bound.
     *
     * @param value the initial number of permits, at least 0
     */
    public BoundedSemaphore(int value) {
        super(value, value);
    }

    BoundedSemaphore(Attachment attachment) {
        super(attachment);
    }
}

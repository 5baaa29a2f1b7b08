package io.github.multiprocessing4j.ipc;

import io.github.multiprocessing4j.internal.shm.Segment;
import io.github.multiprocessing4j.internal.shm.Waiter;

/**
 * An unbounded queue with only {@code put}, {@code get}, {@code isEmpty} and {@code close} (Python:
 * {@code multiprocessing.SimpleQueue}). Same transport, serialization, blocking, dead-peer and lifetime rules as
 * {@link Queue}; {@code put} blocks only while the ring's bytes (8 MiB) are full; a larger item is streamed through it.
 *
 * @param <T> the type of the items
 */
public final class SimpleQueue<T> extends QueueCore<T> {
    private static final long serialVersionUID = 1L;

    /**
     * Creates a simple queue.
     *
     * @throws java.io.UncheckedIOException when the shared-memory directory ({@code /dev/shm}) cannot supply the
     *     memory (full or too small); the message names the directory and the size in bytes
     */
    public SimpleQueue() {
        super(SIMPLE, 0, DEFAULT_CAPACITY);
    }

    SimpleQueue(Segment segment) {
        super(segment, SIMPLE, true);
    }

    /**
     * Puts an item.
     *
     * @param item the item; serializable
     * @throws InterruptedException if interrupted while waiting for room
     */
    public void put(T item) throws InterruptedException {
        offer(item, Waiter.forever());
    }

    /**
     * Takes the next item, waiting as long as the queue is empty.
     *
     * @return the item
     * @throws InterruptedException if interrupted while waiting
     */
    public T get() throws InterruptedException {
        return take(Waiter.forever(), null);
    }
}

package io.github.multiprocessing4j.ipc;

import io.github.multiprocessing4j.internal.shm.Segment;
import io.github.multiprocessing4j.internal.shm.Waiter;
import java.time.Duration;

/**
 * A first-in first-out queue shared by processes (Python: {@code multiprocessing.Queue}).
 *
 * <pre>{@code
 * Queue<Integer> q = new Queue<>();
 * new Process(Producer::run, q).start();   // the child puts on the same queue
 * int first = q.get();
 * }</pre>
 *
 * <h2>What crosses the process boundary</h2>
 * Items are serialized with the library's codec ({@code Integer}, {@code Long}, {@code Double}, {@code Boolean},
 * {@code String} and {@code byte[]} on a fast path, anything else {@link java.io.Serializable} through java.io
 * and the deserialization allow-list) and copied through a ring in shared memory; a {@code byte[]} item is copied
 * raw, once into the ring and once out of it. An item that cannot be serialized fails in {@link #put} with
 * {@link io.github.multiprocessing4j.exception.SerializationFailedException}, and the queue stays usable. An item
 * of any size goes through: one larger than the byte capacity (8 MiB by default) is streamed through the ring in
 * pieces, while the other producers wait. The queue itself crosses as its name: handed to a child, it is the same
 * queue.
 *
 * <h2>Blocking</h2>
 * {@code put} blocks while the queue holds {@code maxsize} items or its bytes are full; {@code get} while it is
 * empty. A waiting thread stays on the CPU (30 to 100 µs: twice as long as recent waits took, when they were
 * short), then parks with a backoff of at most 1 ms, so a thread blocked for long costs almost no CPU. The timed forms
 * throw {@link QueueFullException} and {@link QueueEmptyException}. Differs from Python: there is no feeder
 * thread; {@code put} has copied the item into shared memory when it returns, so a producer can exit at once
 * (no flush-at-exit deadlock) and {@link #joinThread()}/{@link #cancelJoinThread()} do nothing. Thread-safe;
 * each producer's order is kept.
 *
 * <h2>When a process dies</h2>
 * A producer or consumer killed mid-operation never corrupts the queue: a message is delivered whole or not at
 * all, also when it is streamed in pieces (the pieces of a producer that dies or times out in the middle are
 * dropped). As in Python, a waiter is never told that the other processes are gone: the waiting process holds the
 * queue, so a thread of its own may still put or get. {@code get()} waits until an item comes; {@code get(timeout)}
 * throws {@link QueueEmptyException} after its timeout, never early. To notice a producer that died, wait with a
 * timeout, or on its {@link io.github.multiprocessing4j.Process} with {@link Connection#wait(java.util.Collection,
 * Duration)}; a {@link Pipe} whose other end is closed or whose holders all died does tell its reader.
 *
 * <h2>Lifetime</h2>
 * The shared-memory file is removed when the last handle is closed, or when the creating process exits.
 *
 * @param <T> the type of the items
 */
public class Queue<T> extends QueueCore<T> {
    private static final long serialVersionUID = 1L;

    /** An unbounded queue (Python: {@code Queue()}); its ring holds 8 MiB. */
    public Queue() {
        this(0);
    }

    /**
     * A queue that holds at most {@code maxsize} items (Python: {@code Queue(maxsize)}); 0 means no limit.
     *
     * @param maxsize the item limit, at least 0
     * @throws java.io.UncheckedIOException when the shared-memory directory ({@code /dev/shm}) cannot supply the
     *     memory (full or too small); the message names the directory and the size in bytes
     */
    public Queue(int maxsize) {
        this(maxsize, DEFAULT_CAPACITY);
    }

    /**
     * A queue with an item limit and a byte capacity: the size of its ring; larger items are streamed through it.
     *
     * @param maxsize the item limit, 0 for none
     * @param capacityBytes the size of the ring in shared memory, rounded up to a multiple of 64
     * @throws java.io.UncheckedIOException when the shared-memory directory ({@code /dev/shm}) cannot supply the
     *     memory (full or too small); the message names the directory and the size in bytes
     */
    public Queue(int maxsize, int capacityBytes) {
        super(QUEUE, maxsize, capacityBytes);
    }

    Queue(int flavour, int maxsize, int capacityBytes) {
        super(flavour, maxsize, capacityBytes);
    }

    Queue(Segment segment, int flavour) {
        super(segment, flavour, true);
    }

    /**
     * Puts an item, waiting as long as the queue is full.
     *
     * @param item the item; serializable
     * @throws InterruptedException if interrupted while waiting
     */
    public void put(T item) throws InterruptedException {
        offer(item, Waiter.forever());
    }

    /**
     * Puts an item, waiting at most {@code timeout} while the queue is full (Python: {@code put(obj, True,
     * timeout)}). An item larger than the ring that the timeout cuts off midway is dropped whole: consumers never
     * see a part of it.
     *
     * @param item the item; serializable
     * @param timeout how long to wait
     * @throws QueueFullException when the queue stayed full
     * @throws InterruptedException if interrupted while waiting
     */
    public void put(T item, Duration timeout) throws InterruptedException {
        if (!offer(item, Waiter.upTo(timeout))) {
            throw new QueueFullException("queue is full: name=" + name() + ", items=" + qsize() + ", timeout="
                    + timeout);
        }
    }

    /**
     * Puts an item if there is room now (Python: {@code put_nowait}).
     *
     * @param item the item; serializable
     * @throws QueueFullException when the queue is full
     */
    public void putNowait(T item) {
        try {
            put(item, Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueueFullException("interrupted while putting: name=" + name());
        }
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

    /**
     * Takes the next item, waiting at most {@code timeout} (Python: {@code get(True, timeout)}).
     *
     * @param timeout how long to wait
     * @return the item
     * @throws QueueEmptyException when no item came in time
     * @throws InterruptedException if interrupted while waiting
     */
    public T get(Duration timeout) throws InterruptedException {
        return take(Waiter.upTo(timeout), timeout);
    }

    /**
     * Takes the next item if there is one now (Python: {@code get_nowait}).
     *
     * @return the item
     * @throws QueueEmptyException when the queue is empty
     */
    public T getNowait() {
        try {
            return get(Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueueEmptyException("interrupted while getting: name=" + name());
        }
    }

    /**
     * The number of items waiting (Python: {@code qsize()}; approximate while others put or get).
     *
     * @return the number of items
     */
    public int qsize() {
        attachment.open();
        return (int) Math.min(Integer.MAX_VALUE, ring.items());
    }

    /**
     * Whether the queue holds {@code maxsize} items (Python: {@code full()}); always false without a maxsize.
     *
     * @return whether the queue is full
     */
    public boolean isFull() {
        attachment.open();
        return ring.maxItems() > 0 && ring.items() >= ring.maxItems();
    }

    /** Does nothing: there is no feeder thread to join (Python: {@code join_thread()}). */
    public void joinThread() {
        // puts are synchronous: nothing is buffered in this process
    }

    /** Does nothing: there is no feeder thread (Python: {@code cancel_join_thread()}). */
    public void cancelJoinThread() {
        // puts are synchronous: nothing is buffered in this process
    }
}

package io.github.multiprocessing4j.cluster;

import com.hazelcast.collection.IQueue;
import io.github.multiprocessing4j.ipc.QueueEmptyException;
import io.github.multiprocessing4j.ipc.QueueFullException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A FIFO queue shared by every program and task connected to one cluster (Python: {@code multiprocessing.Queue},
 * with the same method names as {@link io.github.multiprocessing4j.ipc.Queue}), on a Hazelcast {@code IQueue} of
 * codec bytes. Items are stored on one node with one synchronous backup on another, so a queue survives the loss
 * of one node; it is lost with the whole cluster. {@code get} and a bounded {@code put} block; every other call
 * is one round trip. An item is decoded through this JVM's allow-list. Thread-safe. Not subclassable outside this
 * package ({@link ClusterJoinableQueue} is the one subclass).
 *
 * @param <T> the item type
 */
public class ClusterQueue<T> {
    private final IQueue<byte[]> queue;
    private final ClusterValues values;
    private final String name;

    ClusterQueue(IQueue<byte[]> queue, ClusterValues values) {
        this.queue = queue;
        this.values = values;
        this.name = queue.getName();
    }

    /**
     * Puts an item, waiting for room when the queue is bounded (Hazelcast's queue {@code max-size}).
     *
     * @param item any value the codec can carry
     * @throws InterruptedException when interrupted while waiting
     */
    public void put(T item) throws InterruptedException {
        queue.put(values.encode(item, "an item of queue " + name));
    }

    /**
     * Puts an item without waiting.
     *
     * @param item the item
     * @throws QueueFullException when the queue is full
     */
    public void putNowait(T item) {
        if (!queue.offer(values.encode(item, "an item of queue " + name))) {
            throw new QueueFullException("cluster queue " + name + " is full");
        }
    }

    /**
     * Takes the oldest item, waiting for one.
     *
     * @return the item
     * @throws InterruptedException when interrupted while waiting
     */
    public T get() throws InterruptedException {
        return values.decode(queue.take(), "an item of queue " + name);
    }

    /**
     * Takes the oldest item, waiting at most {@code timeout}.
     *
     * @param timeout how long to wait
     * @return the item
     * @throws QueueEmptyException when none came in time (Python: {@code queue.Empty})
     * @throws InterruptedException when interrupted while waiting
     */
    public T get(Duration timeout) throws InterruptedException {
        byte[] item = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (item == null) {
            throw new QueueEmptyException("cluster queue " + name + " stayed empty for " + timeout);
        }
        return values.decode(item, "an item of queue " + name);
    }

    /**
     * Takes the oldest item without waiting.
     *
     * @return the item
     * @throws QueueEmptyException when the queue is empty
     */
    public T getNowait() {
        byte[] item = queue.poll();
        if (item == null) {
            throw new QueueEmptyException("cluster queue " + name + " is empty");
        }
        return values.decode(item, "an item of queue " + name);
    }

    /**
     * The number of items (exact, unlike Python's approximate {@code qsize()}).
     *
     * @return the count
     */
    public int qsize() {
        return queue.size();
    }

    /**
     * Whether the queue is empty.
     *
     * @return true when it holds no item
     */
    public boolean empty() {
        return queue.isEmpty();
    }

    /**
     * The queue's cluster-wide name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }
}

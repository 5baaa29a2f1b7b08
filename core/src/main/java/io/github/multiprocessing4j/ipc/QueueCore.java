package io.github.multiprocessing4j.ipc;

import io.github.multiprocessing4j.internal.ipc.Ring;
import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.HandleProxy;
import io.github.multiprocessing4j.internal.shm.PeerTable;
import io.github.multiprocessing4j.internal.shm.Segment;
import io.github.multiprocessing4j.internal.shm.Waiter;
import java.io.Serializable;
import java.time.Duration;

/** What {@link Queue}, {@link SimpleQueue} and {@link JoinableQueue} share: a ring, its peers, the serial form. */
abstract class QueueCore<T> implements Serializable, AutoCloseable {
    static {
        JvmRuntime.get(); // its exit sequence releases the shared memory this JVM holds
    }

    private static final long serialVersionUID = 1L;
    /** The default byte capacity of a queue: 8 MiB; a larger item is streamed through it in pieces. */
    static final int DEFAULT_CAPACITY = 8 << 20;

    static final int SIMPLE = 0;
    static final int QUEUE = 1;
    static final int JOINABLE = 2;

    final transient Attachment attachment;
    final transient Ring ring;
    private final transient int flavour;
    /** How an item is named in a serialization error; built once, not per put. */
    private final transient String itemWhat;

    QueueCore(int flavour, int maxsize, int capacityBytes) {
        this(create(flavour, maxsize, capacityBytes), flavour, false);
    }

    /**
     * A handle on a queue's segment, listed in the queue's holder table.
     *
     * @param deserialized whether the handle was deserialized (it claims the slot its sender reserved)
     */
    QueueCore(Segment segment, int flavour, boolean deserialized) {
        PeerTable peers = new PeerTable(segment.body(), QueueLayout.PEERS, segment);
        this.flavour = flavour;
        this.ring = new Ring(segment.body(), QueueLayout.RING, peers::isDead, peers::isDead);
        this.itemWhat = "an item put on " + segment.fileName();
        segment.setUnusedCheck(peers::nobodyLeft);
        this.attachment = Attachment.listed(segment, peers, deserialized, what(flavour));
    }

    private static Segment create(int flavour, int maxsize, int capacityBytes) {
        if (maxsize < 0) {
            throw new IllegalArgumentException("queue maxsize must be >= 0: maxsize=" + maxsize);
        }
        if (capacityBytes < 64) {
            throw new IllegalArgumentException("queue capacity too small: capacityBytes=" + capacityBytes
                    + ", min=64");
        }
        if (capacityBytes > Pipe.MAX_CAPACITY) {
            throw new IllegalArgumentException("queue capacity too large: capacityBytes=" + capacityBytes
                    + ", max=" + Pipe.MAX_CAPACITY);
        }
        int capacity = Ring.roundCapacity(capacityBytes);
        return Segment.create("queue-", Segment.KIND_QUEUE, QueueLayout.VERSION, QueueLayout.bodySize(capacity),
                b -> {
                    PeerTable.init(b, QueueLayout.PEERS);
                    Ring.init(b, QueueLayout.RING, capacity, maxsize);
                });
    }

    static String what(int flavour) {
        return flavour == SIMPLE ? "simple queue" : flavour == JOINABLE ? "joinable queue" : "queue";
    }

    /** Puts, or returns false when the deadline passed. */
    boolean offer(T item, Waiter waiter) throws InterruptedException {
        attachment.open();
        return Messages.write(ring, item, itemWhat, waiter, Waiter.NO_CHECK);
    }

    /** Takes, or throws QueueEmptyException when the deadline passed. */
    @SuppressWarnings("unchecked")
    T take(Waiter waiter, Duration timeout) throws InterruptedException {
        attachment.open();
        Object item = Messages.read(ring, name(), waiter, Waiter.NO_CHECK);
        if (item == Messages.NONE) {
            throw new QueueEmptyException("queue is empty: name=" + name() + ", timeout=" + timeout);
        }
        return (T) item;
    }

    /**
     * Whether no item is waiting now (Python: {@code empty()}; as there, it may be stale at once).
     *
     * @return whether the queue is empty
     */
    public boolean isEmpty() {
        attachment.open();
        return !ring.hasData();
    }

    /**
     * The shared-memory file name of the queue.
     *
     * @return the name
     */
    public String name() {
        return attachment.segment().fileName();
    }

    /**
     * Closes this handle (Python: {@code close()}): this process may no longer put or get through it
     * ({@link IllegalStateException}). Other processes' handles keep working. When no process holds a handle any
     * more, the file is removed. Closing twice does nothing.
     */
    @Override
    public void close() {
        attachment.close();
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " " + name() + ">";
    }

    /**
     * Serializes this handle as its name, so that the receiving process attaches to the same object.
     *
     * @return the serial form
     */
    Object writeReplace() {
        return HandleProxy.of(flavour == SIMPLE ? Handles.SIMPLE_QUEUE : flavour == JOINABLE ? Handles.JOINABLE_QUEUE
                : Handles.QUEUE, attachment, 0);
    }
}

package io.github.multiprocessing4j.manager;

import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.Lock;

/**
 * A manager with Python's shared types registered (Python: {@code multiprocessing.Manager()} /
 * {@code multiprocessing.managers.SyncManager}): {@code dict} is a {@link Map}, {@code list} a {@link List},
 * {@code queue} a {@link BlockingQueue}, {@code lock}/{@code rLock} a {@link Lock}. Each proxy call is one round
 * trip to the manager process (tens of microseconds on a Unix socket); for speed between processes prefer
 * {@code ipc.Queue} and the shared-memory types of {@code sync} and {@code shm}. Lifecycle, security and failure
 * behaviour: see {@link BaseManager}.
 *
 * <p>Differs from Python: iterating a managed collection iterates a snapshot (its iterator cannot remove); an
 * {@code rLock} is owned by the calling thread (each thread of each process has its own connection), a
 * {@code lock} may be released by anyone, as in Python.
 */
public class SyncManager extends BaseManager {
    /** A manager on a private Unix socket with this process's authkey; call {@link #start()}. */
    public SyncManager() {
        this(null, null);
    }

    /**
     * A manager on an address with an authkey.
     *
     * @param address a Unix or TCP address, or null for a private Unix socket
     * @param authkey the key, or null for this process's authkey
     */
    public SyncManager(SocketAddress address, byte[] authkey) {
        super(address, authkey);
        register("dict", SyncTypes::dict, Map.class);
        register("list", SyncTypes::list, List.class);
        register("Queue", a -> new LinkedBlockingQueue<>(a.length > 0 ? (Integer) a[0] : Integer.MAX_VALUE),
                BlockingQueue.class);
        register("Lock", a -> new SyncTypes.PlainLock(), Lock.class);
        register("RLock", a -> new SyncTypes.OwnedLock(), Lock.class);
        register("Pool", a -> new PoolImpl((Integer) a[0]), ManagedPool.class);
        register("Condition", a -> new ConditionImpl(), ManagedCondition.class);
        register("Namespace", a -> new SyncTypes.NamespaceImpl(), Namespace.class);
        register("Value", a -> new SyncTypes.ValueImpl(a[0]), ManagedValue.class);
        register("Event", a -> new SyncTypes.EventImpl(), ManagedEvent.class);
        register("Semaphore", a -> new SyncTypes.SemaphoreImpl((Integer) a[0], false), ManagedSemaphore.class);
        register("BoundedSemaphore", a -> new SyncTypes.SemaphoreImpl((Integer) a[0], true), ManagedSemaphore.class);
        register("JoinableQueue", a -> new JoinableQueueImpl<>(), ManagedJoinableQueue.class);
        register("Array", a -> java.util.Arrays.asList(((Object[]) a[0]).clone()), List.class);
        register("Barrier", a -> new SyncTypes.BarrierImpl((Integer) a[0]), ManagedBarrier.class);
    }

    @Override
    public SyncManager start() {
        super.start();
        return this;
    }

    /**
     * A managed map (Python: {@code manager.dict()}).
     *
     * @param <K> key type
     * @param <V> value type
     * @return its proxy, a {@link Map}
     */
    public <K, V> Map<K, V> dict() {
        return create("dict");
    }

    /**
     * A managed map with initial contents.
     *
     * @param initial the contents; serializable
     * @param <K> key type
     * @param <V> value type
     * @return its proxy
     */
    public <K, V> Map<K, V> dict(Map<K, V> initial) {
        return create("dict", new java.util.HashMap<>(initial));
    }

    /**
     * A managed list (Python: {@code manager.list()}).
     *
     * @param <E> element type
     * @return its proxy, a {@link List}
     */
    public <E> List<E> list() {
        return create("list");
    }

    /**
     * A managed FIFO queue (Python: {@code manager.Queue()}).
     *
     * @param <E> element type
     * @return its proxy, a {@link BlockingQueue}; {@code take} blocks in the manager
     */
    public <E> BlockingQueue<E> queue() {
        return create("Queue");
    }

    /**
     * A managed queue with {@code taskDone}/{@code join} (Python: {@code manager.JoinableQueue()}).
     *
     * @param <E> element type
     * @return its proxy
     */
    public <E> ManagedJoinableQueue<E> joinableQueue() {
        return create("JoinableQueue");
    }

    /**
     * A managed fixed-length array (Python: {@code manager.Array(typecode, sequence)}): a {@link List} whose
     * {@code set} works and whose size cannot change.
     *
     * @param initial the elements; serializable
     * @param <E> element type
     * @return its proxy
     */
    public <E> List<E> array(List<E> initial) {
        return create("Array", (Object) initial.toArray());
    }

    /**
     * A managed lock (Python: {@code manager.Lock()}): not reentrant, released by anyone.
     *
     * @return its proxy
     */
    public Lock lock() {
        return create("Lock");
    }

    /**
     * A managed reentrant lock (Python: {@code manager.RLock()}), owned by the calling thread; released when the
     * owner's connection ends (its process died), where Python keeps it locked.
     *
     * @return its proxy
     */
    public Lock rLock() {
        return create("RLock");
    }

    /**
     * A managed condition variable over its own reentrant lock (Python: {@code manager.Condition()}). Differs from
     * Python: it cannot be given another managed lock.
     *
     * @return its proxy
     */
    public ManagedCondition condition() {
        return create("Condition");
    }

    /**
     * A process pool in the manager process, shared by every process holding the proxy (Python:
     * {@code manager.Pool(processes)}). It stops with the manager.
     *
     * @param processes how many workers; at least 1
     * @return its proxy
     */
    public ManagedPool pool(int processes) {
        if (processes < 1) {
            throw new IllegalArgumentException("a pool needs at least one process: processes=" + processes);
        }
        return create("Pool", processes);
    }

    /**
     * A managed namespace (Python: {@code manager.Namespace()}).
     *
     * @return its proxy
     */
    public Namespace namespace() {
        return create("Namespace");
    }

    /**
     * A managed value (Python: {@code manager.Value(typecode, value)}).
     *
     * @param initial the first value; serializable
     * @param <T> its type
     * @return its proxy
     */
    public <T> ManagedValue<T> value(T initial) {
        return create("Value", initial);
    }

    /**
     * A managed event (Python: {@code manager.Event()}).
     *
     * @return its proxy
     */
    public ManagedEvent event() {
        return create("Event");
    }

    /**
     * A managed semaphore (Python: {@code manager.Semaphore(value)}).
     *
     * @param value the initial count
     * @return its proxy
     */
    public ManagedSemaphore semaphore(int value) {
        return create("Semaphore", value);
    }

    /**
     * A managed bounded semaphore (Python: {@code manager.BoundedSemaphore(value)}).
     *
     * @param value the initial and largest count
     * @return its proxy
     */
    public ManagedSemaphore boundedSemaphore(int value) {
        return create("BoundedSemaphore", value);
    }

    /**
     * A managed barrier (Python: {@code manager.Barrier(parties)}).
     *
     * @param parties how many callers meet
     * @return its proxy
     */
    public ManagedBarrier barrier(int parties) {
        return create("Barrier", parties);
    }
}

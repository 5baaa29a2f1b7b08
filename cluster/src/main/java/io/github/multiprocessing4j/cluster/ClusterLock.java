package io.github.multiprocessing4j.cluster;

import com.hazelcast.map.IMap;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A lock shared by every program connected to one cluster (Python: {@code multiprocessing.Lock}, with the method
 * names of {@link io.github.multiprocessing4j.sync.Lock}), on a key lock of a Hazelcast {@code IMap}: the
 * open-source edition has no Raft-backed CP subsystem, so this is what it promises, exactly:
 *
 * <ul>
 *   <li>While the cluster is whole, at most one holder at a time. The holder is the thread that acquired it in
 *   this program; another thread's {@link #release()} throws {@link IllegalMonitorStateException}.</li>
 *   <li>When the <b>holder's program dies</b> (SIGKILL, machine loss), the nodes release its locks once they see
 *   it gone: within about 15 seconds (client heartbeat and clean-up). Unlike the local lock there is no
 *   "recovered from a dead owner" flag: the next holder cannot tell.</li>
 *   <li>When the <b>node that stores the lock</b> dies, the lock's state lives on in its synchronous backup on
 *   another node: the holder keeps it. If that node and its backup die together, the lock is lost (free).</li>
 *   <li>Under a <b>network partition</b> (split brain), each side may grant the lock: two holders at once. Do not
 *   rely on it for correctness across a partition; use a database or a CP system for that.</li>
 * </ul>
 *
 * <p>Reentrant for its holder thread (as Hazelcast's key locks are): each acquire needs its release.
 * {@code acquire} blocks; the rest is one round trip. Thread-safe.
 */
public final class ClusterLock {
    private final IMap<String, Boolean> locks;
    private final String name;

    ClusterLock(IMap<String, Boolean> locks, String name) {
        this.locks = locks;
        this.name = name;
    }

    /**
     * Waits until this thread holds the lock.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    public void acquire() throws InterruptedException {
        locks.lock(name);
    }

    /**
     * Waits at most {@code timeout} for the lock.
     *
     * @param timeout how long to wait
     * @return whether this thread now holds it
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean acquire(Duration timeout) throws InterruptedException {
        return locks.tryLock(name, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Takes the lock if it is free.
     *
     * @return whether this thread now holds it
     */
    public boolean tryAcquire() {
        return locks.tryLock(name);
    }

    /**
     * Releases the lock.
     *
     * @throws IllegalMonitorStateException when this thread does not hold it
     */
    public void release() {
        locks.unlock(name);
    }

    /**
     * Whether anyone in the cluster holds the lock.
     *
     * @return true when held
     */
    public boolean isLocked() {
        return locks.isLocked(name);
    }

    /**
     * Acquires the lock for a try-with-resources block.
     *
     * @return releases the lock when closed
     * @throws InterruptedException when interrupted while waiting
     */
    public Held hold() throws InterruptedException {
        acquire();
        return this::release;
    }

    /** A held lock: closing releases it. */
    public interface Held extends AutoCloseable {
        /** Releases the lock. */
        @Override
        void close();
    }

    /**
     * The lock's cluster-wide name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }
}

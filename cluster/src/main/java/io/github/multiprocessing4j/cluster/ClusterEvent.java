package io.github.multiprocessing4j.cluster;

import com.hazelcast.map.IMap;
import java.time.Duration;

/**
 * An event flag shared by every program connected to one cluster (Python: {@code multiprocessing.Event}, with the
 * method names of {@link io.github.multiprocessing4j.sync.Event}), an entry of a Hazelcast {@code IMap} with one
 * synchronous backup: it survives the loss of one node. {@link #await} checks the flag every 25 ms (one round trip
 * each), so a waiter wakes within about 25 ms of {@link #set()}; the other calls are one round trip. Thread-safe.
 */
public final class ClusterEvent {
    private final IMap<String, Boolean> flags;
    private final String name;

    ClusterEvent(IMap<String, Boolean> flags, String name) {
        this.flags = flags;
        this.name = name;
    }

    /** Sets the flag: every waiter wakes. */
    public void set() {
        flags.set(name, Boolean.TRUE);
    }

    /** Clears the flag. */
    public void clear() {
        flags.delete(name);
    }

    /**
     * Whether the flag is set.
     *
     * @return true when set
     */
    public boolean isSet() {
        return Boolean.TRUE.equals(flags.get(name));
    }

    /**
     * Waits until the flag is set.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    public void await() throws InterruptedException {
        Poll.until(this::isSet);
    }

    /**
     * Waits at most {@code timeout} until the flag is set.
     *
     * @param timeout how long to wait
     * @return whether it is set (Python: the return value of {@code wait(timeout)})
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean await(Duration timeout) throws InterruptedException {
        return Poll.until(this::isSet, timeout);
    }

    /**
     * The event's cluster-wide name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }
}

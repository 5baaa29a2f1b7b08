package io.github.multiprocessing4j.cluster;

import com.hazelcast.map.IMap;

/**
 * A {@code long} shared by every program connected to one cluster (Python: {@code Value('q')}, with the method
 * names of {@link io.github.multiprocessing4j.shm.LongValue}), an entry of a Hazelcast {@code IMap} with one
 * synchronous backup; 0 until first set. {@link #addAndGet} and {@link #compareAndSet} are atomic across the
 * cluster while it is whole (compare-and-set on the entry); under a network partition each side has its own value
 * until they merge. Each call is one or a few round trips; nothing blocks otherwise. Thread-safe.
 */
public final class ClusterLongValue {
    private final IMap<String, Long> values;
    private final String name;

    ClusterLongValue(IMap<String, Long> values, String name) {
        this(values, name, 0L);
    }

    /** With {@code initial} when the value does not exist yet in the cluster (else the value is kept). */
    ClusterLongValue(IMap<String, Long> values, String name, long initial) {
        this.values = values;
        this.name = name;
        values.putIfAbsent(name, initial);
    }

    /**
     * The value.
     *
     * @return the value
     */
    public long get() {
        Long value = values.get(name);
        return value == null ? 0L : value;
    }

    /**
     * Sets the value.
     *
     * @param value the new value
     */
    public void set(long value) {
        values.set(name, value);
    }

    /**
     * Adds to the value atomically.
     *
     * @param delta what to add (wraps around, as {@code long} arithmetic does)
     * @return the new value
     */
    public long addAndGet(long delta) {
        while (true) {
            Long current = values.get(name);
            if (current == null) {
                if (values.putIfAbsent(name, delta) == null) {
                    return delta;
                }
            } else if (values.replace(name, current, current + delta)) {
                return current + delta;
            }
        }
    }

    /**
     * Sets the value to {@code update} if it is {@code expected}, atomically.
     *
     * @param expected the value expected
     * @param update the new value
     * @return whether it was set
     */
    public boolean compareAndSet(long expected, long update) {
        values.putIfAbsent(name, 0L);
        return values.replace(name, expected, update);
    }

    /**
     * The value's cluster-wide name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }
}

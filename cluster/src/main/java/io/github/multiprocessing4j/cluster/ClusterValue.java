package io.github.multiprocessing4j.cluster;

import com.hazelcast.map.IMap;
import java.util.Objects;

/**
 * A value of any type the codec carries, shared by every program connected to one cluster (Python: a manager's
 * {@code Value}; for a {@code long} see {@link ClusterLongValue}). It is stored as codec bytes in an entry of a
 * Hazelcast {@code IMap} with one synchronous backup, and decoded through this JVM's allow-list on each
 * {@link #get()}; {@code null} until first set. {@link #compareAndSet} compares with {@code equals} and is atomic
 * across the cluster while it is whole (compare-and-set on the stored bytes); under a network partition each side
 * has its own value. Each call is one or a few round trips; nothing blocks otherwise. Thread-safe.
 *
 * @param <T> the value type
 */
public final class ClusterValue<T> {
    private final IMap<String, byte[]> entries;
    private final ClusterValues values;
    private final String name;
    private final String what;

    ClusterValue(IMap<String, byte[]> entries, ClusterValues values, String name) {
        this.entries = entries;
        this.values = values;
        this.name = name;
        this.what = "value " + name;
    }

    /**
     * The value.
     *
     * @return the value, or null when never set
     */
    public T get() {
        return values.decode(entries.get(name), what);
    }

    /**
     * Sets the value.
     *
     * @param value any value the codec carries (null clears it)
     */
    public void set(T value) {
        if (value == null) {
            entries.delete(name);
        } else {
            entries.set(name, values.encode(value, what));
        }
    }

    /**
     * Sets the value to {@code update} if it {@code equals} {@code expected} (null: never set), atomically.
     *
     * @param expected the value expected
     * @param update the new value (null clears it)
     * @return whether it was set
     */
    public boolean compareAndSet(T expected, T update) {
        byte[] next = update == null ? null : values.encode(update, what);
        while (true) {
            byte[] stored = entries.get(name);
            if (!Objects.equals(values.decode(stored, what), expected)) {
                return false;
            }
            // the exchange succeeds only if the bytes read are still there: else someone changed it, look again
            boolean done;
            if (stored == null) {
                done = next == null || entries.putIfAbsent(name, next) == null;
            } else if (next == null) {
                done = entries.remove(name, stored);
            } else {
                done = entries.replace(name, stored, next);
            }
            if (done) {
                return true;
            }
        }
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

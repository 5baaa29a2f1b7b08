package io.github.multiprocessing4j.cluster;

import com.hazelcast.map.IMap;
import java.util.ArrayList;
import java.util.List;

/**
 * A dictionary shared by every program and task connected to one cluster (Python: a manager's {@code dict()}), on
 * a Hazelcast {@code IMap} whose keys and values are codec bytes: two keys are the same key when their encodings
 * are equal (true for strings, boxed numbers, booleans and primitive arrays; use those as keys). Entries are
 * partitioned over the nodes with one synchronous backup each, so the dict survives the loss of one node. Each
 * call is one round trip and does not block otherwise; values are decoded through this JVM's allow-list.
 * Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class ClusterDict<K, V> {
    private final IMap<byte[], byte[]> map;
    private final ClusterValues values;
    private final String what;

    ClusterDict(IMap<byte[], byte[]> map, ClusterValues values) {
        this.map = map;
        this.values = values;
        this.what = "an entry of dict " + map.getName();
    }

    /**
     * The value of a key.
     *
     * @param key the key
     * @return the value, or null when absent
     */
    public V get(K key) {
        return values.decode(map.get(values.encode(key, what)), what);
    }

    /**
     * Sets the value of a key.
     *
     * @param key the key
     * @param value the value
     * @return the previous value, or null
     */
    public V put(K key, V value) {
        return values.decode(map.put(values.encode(key, what), values.encode(value, what)), what);
    }

    /**
     * Sets the value of a key only when the key is absent (atomic across the cluster).
     *
     * @param key the key
     * @param value the value
     * @return the value already there, or null when this one was set
     */
    public V putIfAbsent(K key, V value) {
        return values.decode(map.putIfAbsent(values.encode(key, what), values.encode(value, what)), what);
    }

    /**
     * Removes a key.
     *
     * @param key the key
     * @return its value, or null when absent
     */
    public V remove(K key) {
        return values.decode(map.remove(values.encode(key, what)), what);
    }

    /**
     * Whether a key is present.
     *
     * @param key the key
     * @return true when present
     */
    public boolean containsKey(K key) {
        return map.containsKey(values.encode(key, what));
    }

    /**
     * The number of entries.
     *
     * @return the count
     */
    public int size() {
        return map.size();
    }

    /**
     * A snapshot of the keys.
     *
     * @return the keys, in no particular order
     */
    public List<K> keys() {
        List<K> keys = new ArrayList<>();
        for (byte[] key : map.keySet()) {
            keys.add(values.decode(key, what));
        }
        return keys;
    }
}

package io.github.multiprocessing4j.internal.pool;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The functions a worker keeps, by id: a least-recently-used table of fixed size. The parent keeps a mirror of
 * each worker's table (same size, same accesses in the same order, because the worker handles task frames in the
 * order they were written), so it knows without asking whether a function must be sent.
 *
 * @param <V> what is kept per id: the function in the worker, a marker in the parent's mirror
 */
final class FunctionSlots<V> {
    static final int SIZE = 256;

    private final Map<Integer, V> slots = new LinkedHashMap<>(SIZE * 2, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, V> eldest) {
            return size() > SIZE;
        }
    };

    /** Whether the table holds an id, without counting as an access. */
    boolean contains(int id) {
        return slots.containsKey(id);
    }

    /** Looks an id up, counting as an access. */
    V get(int id) {
        return slots.get(id);
    }

    /** Stores a value, evicting the least recently used id when full. */
    void put(int id, V value) {
        slots.put(id, value);
    }
}

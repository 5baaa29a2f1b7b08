package io.github.multiprocessing4j.cluster;

import com.hazelcast.collection.IList;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * A list shared by every program and task connected to one cluster (Python: a manager's {@code list()}; a
 * {@link List}, as the local {@link io.github.multiprocessing4j.manager.SyncManager#list()} is), on a Hazelcast
 * {@code IList} of codec bytes, stored on one node with one synchronous backup on another, so it survives the loss
 * of one node. Items are decoded through this JVM's allow-list.
 *
 * <p>Each indexed call ({@code get}, {@code set}, {@code add}, {@code remove}, {@code size}) is one round trip and
 * atomic on its own; a sequence of them is not (as with Python's list proxy). Iterating (and what is built on it:
 * {@code equals}, {@code toString}, {@code contains}) reads a copy of the whole list in one round trip; that
 * iterator cannot remove. {@link #snapshot()} gives such a copy. Nothing blocks beyond a round trip. Thread-safe.
 *
 * @param <T> the item type
 */
public final class ClusterList<T> extends AbstractList<T> {
    private final IList<byte[]> list;
    private final ClusterValues values;
    private final String what;

    ClusterList(IList<byte[]> list, ClusterValues values) {
        this.list = list;
        this.values = values;
        this.what = "an item of list " + list.getName();
    }

    @Override
    public T get(int index) {
        return values.decode(list.get(index), what);
    }

    @Override
    public T set(int index, T item) {
        return values.decode(list.set(index, values.encode(item, what)), what);
    }

    @Override
    public void add(int index, T item) {
        list.add(index, values.encode(item, what));
    }

    /** Appends {@code item} in one round trip (Python: {@code append}). */
    @Override
    public boolean add(T item) {
        return list.add(values.encode(item, what));
    }

    @Override
    public T remove(int index) {
        return values.decode(list.remove(index), what);
    }

    @Override
    public int size() {
        return list.size();
    }

    @Override
    public void clear() {
        list.clear();
    }

    /** Reads a copy of the whole list in one round trip and iterates over it (its {@code remove} is refused). */
    @Override
    public Iterator<T> iterator() {
        return snapshot().iterator();
    }

    /**
     * A copy of the whole list, read in one round trip.
     *
     * @return an unmodifiable list of the items now stored
     */
    public List<T> snapshot() {
        List<T> copy = new ArrayList<>();
        for (byte[] item : list) {
            copy.add(values.decode(item, what));
        }
        return Collections.unmodifiableList(copy);
    }

    /**
     * The list's cluster-wide name.
     *
     * @return the name
     */
    public String name() {
        return list.getName();
    }
}

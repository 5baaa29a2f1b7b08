package io.github.multiprocessing4j.shm;

import io.github.multiprocessing4j.internal.shm.HandleProxy;
import java.io.Serializable;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A fixed-length list of {@code Integer}, {@code Long}, {@code Double}, {@code Boolean}, {@code String}, {@code
 * byte[]} and {@code null} stored in one {@link SharedMemory} block, so that every process attached to it sees
 * the same elements (Python: {@code multiprocessing.shared_memory.ShareableList}).
 *
 * <pre>{@code
 * try (ShareableList list = ShareableList.create(List.of(1, 2L, 3.0, true, "howdy", new byte[] {7}))) {
 *     // another process: ShareableList.attach(list.name()).set(4, "hi") ... list.get(4) is "hi" here
 *     list.unlink();
 * }
 * }</pre>
 *
 * <h2>Slots, as in Python</h2>
 * The length is fixed at creation, and so is each element's storage: 8 bytes for a number, a boolean or null;
 * for a string (UTF-8) or bytes, its length rounded up to the next multiple of 8. {@link #set} may put a value of
 * any of the supported types in any slot if it fits: a string or bytes no longer than the slot's storage, else
 * {@link IllegalArgumentException} {@code "bytes/str item exceeds available storage: index=.., length=..,
 * capacity=.."} (Python's {@code ValueError}). Python's {@code int} is {@code Integer} or {@code Long} here; an
 * element is read back as the Java type it was written with. Unlike Python, bytes that end in zero bytes and
 * strings that end in {@code \0} are read back whole (the length is stored).
 *
 * <h2>A {@code java.util.List}</h2>
 * {@link #get}, {@link #set} and {@link #size} as for any list; {@code add} and {@code remove} throw
 * {@link UnsupportedOperationException} (the length is fixed). {@link #indexOf}, {@link #contains}, {@link #count}
 * and {@link #index} compare byte arrays by content; {@code equals} and {@code hashCode} are {@code AbstractList}'s.
 *
 * <h2>What crosses the process boundary</h2>
 * Only the name: a ShareableList passed to a child (argument, captured value, queue item) attaches to the same
 * memory there; {@link #attach(String)} attaches by name in any process.
 *
 * <h2>Threads, blocking, dead peers</h2>
 * Nothing blocks. Like Python's, a ShareableList is not synchronized. What is atomic: reading or writing an
 * {@code Integer}, {@code Long}, {@code Double} or {@code Boolean} element is one aligned 8-byte volatile access,
 * so a reader sees the old or the new number, never a mix, as long as the slot keeps its type. Not atomic: a
 * string or bytes, a change of an element's type, and any read-modify-write; guard those with a
 * {@link io.github.multiprocessing4j.sync.Lock} shared by the processes. A process that dies leaves the elements as
 * they were (one it was writing may be half written). The lifetime of the memory is {@link SharedMemory}'s (and
 * a {@link SharedMemoryManager}'s when it made the list).
 */
public final class ShareableList extends AbstractList<Object> implements RandomAccess, Serializable, AutoCloseable {
    private static final long serialVersionUID = 1L;

    private final transient SharedMemory shm;
    private final transient ListLayout layout;

    private ShareableList(SharedMemory shm, ListLayout layout) {
        this.shm = shm;
        this.layout = layout;
    }

    /**
     * Creates a list holding {@code values} under a generated name (Python: {@code ShareableList(sequence)}).
     *
     * @param values the elements: Integer, Long, Double, Boolean, String, byte[] or null
     * @return the new list
     * @throws IllegalArgumentException for an element of another type (its index and class are named)
     */
    public static ShareableList create(List<?> values) {
        Objects.requireNonNull(values, "values");
        return layOut(SharedMemory.create(ListLayout.sizeFor(values)), values);
    }

    /**
     * Creates a list holding {@code values} under {@code name} (Python: {@code ShareableList(sequence, name=)}).
     *
     * @param name the name (as for {@link SharedMemory#create(String, int)})
     * @param values the elements: Integer, Long, Double, Boolean, String, byte[] or null
     * @return the new list
     * @throws IllegalArgumentException for a bad name or an element of another type
     * @throws IllegalStateException when shared memory of that name exists already
     */
    public static ShareableList create(String name, List<?> values) {
        Objects.requireNonNull(values, "values");
        return layOut(SharedMemory.create(name, ListLayout.sizeFor(values)), values);
    }

    /** Lays the values out in new memory; the memory goes if they cannot be written. */
    private static ShareableList layOut(SharedMemory shm, List<?> values) {
        try {
            return new ShareableList(shm, ListLayout.init(shm.buf(), values));
        } catch (RuntimeException e) {
            shm.unlink();
            shm.close();
            throw e;
        }
    }

    /**
     * Attaches to an existing list (Python: {@code ShareableList(name=name)}).
     *
     * @param name the list's {@link #name()}
     * @return a handle on the same list
     * @throws IllegalArgumentException when no shared memory of that name exists, or it does not hold a list
     */
    public static ShareableList attach(String name) {
        return on(SharedMemory.attach(name));
    }

    /** A handle on the list in attached memory; closes the memory when it holds no list. */
    static ShareableList on(SharedMemory shm) {
        try {
            return new ShareableList(shm, ListLayout.read(shm.buf(), shm.name()));
        } catch (RuntimeException e) {
            shm.close();
            throw e;
        }
    }

    /**
     * The element at {@code index}.
     *
     * @throws IndexOutOfBoundsException for an index outside {@code [0, size())}
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public Object get(int index) {
        Objects.checkIndex(index, layout.count());
        shm.attachment().open(); // fails once closed
        return layout.get(index);
    }

    /**
     * Replaces the element at {@code index}; every attached process sees it.
     *
     * @return the element it replaced
     * @throws IndexOutOfBoundsException for an index outside {@code [0, size())}
     * @throws IllegalArgumentException for an unsupported type, or a string or bytes longer than the slot's
     *     storage ({@code "bytes/str item exceeds available storage: ..."})
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public Object set(int index, Object element) {
        Object old = get(index);
        layout.set(index, element);
        return old;
    }

    /** The number of elements, fixed at creation. */
    @Override
    public int size() {
        return layout.count();
    }

    @Override
    public int indexOf(Object o) {
        for (int i = 0; i < size(); i++) {
            if (ListLayout.same(o, get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int lastIndexOf(Object o) {
        for (int i = size() - 1; i >= 0; i--) {
            if (ListLayout.same(o, get(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * How many elements equal {@code value} (Python: {@code count}).
     *
     * @param value the value to count (byte arrays compare by content)
     * @return the count
     */
    public int count(Object value) {
        int n = 0;
        for (int i = 0; i < size(); i++) {
            if (ListLayout.same(value, get(i))) {
                n++;
            }
        }
        return n;
    }

    /**
     * The first index of {@code value} (Python: {@code index}).
     *
     * @param value the value to find (byte arrays compare by content)
     * @return its first index
     * @throws IllegalArgumentException when no element equals it (Python's {@code ValueError})
     */
    public int index(Object value) {
        int i = indexOf(value);
        if (i < 0) {
            throw new IllegalArgumentException("value not in ShareableList: value=" + value + ", name=" + name());
        }
        return i;
    }

    /**
     * The name to {@link #attach(String)} with.
     *
     * @return the name
     */
    public String name() {
        return shm.name();
    }

    /**
     * The memory that holds the list (Python: {@code shm}).
     *
     * @return the memory
     */
    public SharedMemory shm() {
        return shm;
    }

    /** Ends this handle (Python: {@code shm.close()}); the list stays in the other processes. */
    @Override
    public void close() {
        shm.close();
    }

    /**
     * Removes the memory's file (Python: {@code shm.unlink()}): nobody can attach any more.
     *
     * @return whether this call removed it
     */
    public boolean unlink() {
        return shm.unlink();
    }

    @Override
    public String toString() {
        return "ShareableList(" + super.toString() + ", name='" + name() + "')";
    }

    /**
     * Serializes this handle as the name of its memory, so that the receiving process attaches to the same list.
     *
     * @return the serial form
     */
    private Object writeReplace() {
        return HandleProxy.of(Handles.SHAREABLE_LIST, shm.attachment(), 0, shm.name());
    }
}

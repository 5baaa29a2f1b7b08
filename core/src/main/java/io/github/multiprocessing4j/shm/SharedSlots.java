package io.github.multiprocessing4j.shm;

import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.HandleProxy;
import io.github.multiprocessing4j.internal.shm.LockWord;
import io.github.multiprocessing4j.internal.shm.Segment;
import io.github.multiprocessing4j.internal.shm.ValueLayout;
import io.github.multiprocessing4j.internal.shm.Words;
import io.github.multiprocessing4j.sync.Lock;
import java.io.Serializable;
import java.nio.ByteBuffer;

/**
 * What every {@link Value} and {@link Array} shares: a segment of {@link ValueLayout 8-byte slots}, its lock, the
 * bounds check, and the serial form that re-attaches by name.
 */
abstract class SharedSlots implements Serializable, AutoCloseable {
    /** The most elements a segment holds (its size is an int, header and layout included). */
    static final int MAX_LENGTH = (int) ((Integer.MAX_VALUE - 4096 - ValueLayout.bodySize(0)) / 8);
    static {
        JvmRuntime.get(); // its exit sequence releases the shared memory this JVM holds
    }

    private static final long serialVersionUID = 1L;

    final transient Attachment attachment;
    final transient ByteBuffer body;
    final transient int length;
    private final transient Handles kind;
    private transient volatile Lock lock;

    SharedSlots(int type, int length, boolean array, String what) {
        if (length < 0) {
            throw new IllegalArgumentException("negative array length: length=" + length);
        }
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("array too long for one shared memory segment: length=" + length
                    + ", max=" + MAX_LENGTH);
        }
        this.kind = Handles.of(type, array);
        this.attachment = Attachment.of(Segment.create(what + "-", Segment.KIND_VALUE, ValueLayout.VERSION,
                ValueLayout.bodySize(length), b -> {
                    LockWord.init(b, ValueLayout.LOCK_OFFSET);
                    b.putInt(ValueLayout.TYPE_OFFSET, type);
                    b.putInt(ValueLayout.LENGTH_OFFSET, length);
                }), what, true);
        this.body = attachment.segment().body();
        this.length = length;
    }

    SharedSlots(Attachment attachment, int type, boolean array) {
        this.attachment = attachment;
        this.kind = Handles.of(type, array);
        this.body = attachment.segment().body();
        this.length = body.getInt(ValueLayout.LENGTH_OFFSET);
        int actual = body.getInt(ValueLayout.TYPE_OFFSET);
        if (actual != type) {
            throw new IllegalArgumentException("shared value of another type: name=" + name() + ", type=" + actual
                    + ", expected=" + type);
        }
    }

    /** The byte offset of element {@code index}, checked. */
    final int at(int index) {
        attachment.open();
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("index out of range: index=" + index + ", length=" + length
                    + ", name=" + name());
        }
        return ValueLayout.ELEMENTS_OFFSET + index * ValueLayout.SLOT;
    }

    final int intAt(int index) {
        return Words.getIntVolatile(body, at(index));
    }

    final long longAt(int index) {
        return Words.getLongVolatile(body, at(index));
    }

    /**
     * The lock that guards compound updates (Python: {@code get_lock()}); the same lock in every process.
     *
     * @return the lock
     */
    public Lock getLock() {
        Lock l = lock;
        if (l == null) {
            synchronized (this) {
                l = lock;
                if (l == null) {
                    l = Lock.ofValue(attachment.open().fileName());
                    lock = l;
                }
            }
        }
        return l;
    }

    /**
     * The name of the shared-memory file.
     *
     * @return the name
     */
    public String name() {
        return attachment.segment().fileName();
    }

    /** Detaches; in the creating process, also removes the file (other processes' handles keep working). */
    @Override
    public void close() {
        attachment.close();
    }

    /**
     * Serializes this handle as its name, so that the receiving process attaches to the same object.
     *
     * @return the serial form
     */
    Object writeReplace() {
        return HandleProxy.of(kind, attachment, 0);
    }
}

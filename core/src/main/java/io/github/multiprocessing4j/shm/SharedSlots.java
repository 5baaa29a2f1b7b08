package io.github.multiprocessing4j.shm;

import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.EmbeddedLocks;
import io.github.multiprocessing4j.internal.shm.LockWord;
import io.github.multiprocessing4j.internal.shm.Segment;
import io.github.multiprocessing4j.internal.shm.Words;
import io.github.multiprocessing4j.sync.Lock;
import java.io.Serializable;
import java.nio.ByteBuffer;

/**
 * What every {@link Value} and {@link Array} shares: a segment of {@link ValueLayout 8-byte slots}, its lock, the
 * bounds check, and the serial form that re-attaches by name.
 */
abstract class SharedSlots implements Serializable, AutoCloseable {
    private static final long serialVersionUID = 1L;

    final transient Attachment attachment;
    final transient ByteBuffer body;
    final transient int length;
    private final transient int type;
    private final transient boolean array;
    private transient volatile Lock lock;

    SharedSlots(int type, int length, boolean array, String what) {
        if (length < 0) {
            throw new IllegalArgumentException("negative array length: length=" + length);
        }
        this.type = type;
        this.array = array;
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
        this.array = array;
        this.body = attachment.segment().body();
        this.type = type;
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
                    l = EmbeddedLocks.embedded(attachment.open(), ValueLayout.LOCK_OFFSET, "lock of " + name());
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
        attachment.reserve();
        return new Ref(attachment.open().fileName(), type, array);
    }

    /** The serial form: the file name and the element type. */
    private static final class Ref implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String file;
        private final int type;
        private final boolean array;

        Ref(String file, int type, boolean array) {
            this.file = file;
            this.type = type;
            this.array = array;
        }

        private Object readResolve() {
            Attachment a = Attachment.attach(file, Segment.KIND_VALUE, ValueLayout.VERSION, "shared value");
            boolean single = !array;
            switch (type) {
                case ValueLayout.INT:
                    return single ? new IntValue(a) : new IntArray(a);
                case ValueLayout.LONG:
                    return single ? new LongValue(a) : new LongArray(a);
                case ValueLayout.DOUBLE:
                    return single ? new DoubleValue(a) : new DoubleArray(a);
                default:
                    return new BooleanValue(a);
            }
        }
    }
}

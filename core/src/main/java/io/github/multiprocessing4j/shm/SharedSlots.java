package io.github.multiprocessing4j.shm;

import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.HandleProxy;
import io.github.multiprocessing4j.internal.shm.LockWord;
import io.github.multiprocessing4j.internal.shm.Segment;
import io.github.multiprocessing4j.internal.shm.ValueLayout;
import io.github.multiprocessing4j.internal.shm.Words;
import io.github.multiprocessing4j.sync.Lockable;
import io.github.multiprocessing4j.sync.RLock;
import java.io.Serializable;
import java.nio.ByteBuffer;

/**
 * What every {@link Value} and {@link Array} shares: a segment of {@link ValueLayout 8-byte slots}, its typecode,
 * its lock (Python's {@code lock} argument: the segment's own RLock, a given {@link Lockable}, or none), the bounds
 * check, and the serial form that re-attaches by name and carries the lock choice.
 */
abstract class SharedSlots implements Serializable, AutoCloseable {
    /** The most elements a segment holds (its size is an int, header and layout included). */
    static final int MAX_LENGTH = (int) ((Integer.MAX_VALUE - 4096 - ValueLayout.bodySize(0)) / 8);
    /** The serial form's index: which lock the receiver's handle has. */
    static final int OWN_LOCK = 0;
    static final int NO_LOCK = 1;
    static final int GIVEN_LOCK = 2;

    static {
        JvmRuntime.get(); // its exit sequence releases the shared memory this JVM holds
    }

    private static final long serialVersionUID = 1L;

    final transient Typecode typecode;
    final transient Attachment attachment;
    final transient ByteBuffer body;
    final transient int length;
    private final transient Handles kind;
    private final transient int lockMode;
    private transient volatile Lockable lock;
    private transient volatile SharedSlots raw;

    SharedSlots(Typecode typecode, int length, boolean array, String what, int lockMode, Lockable given) {
        if (length < 0) {
            throw new IllegalArgumentException("negative array length: length=" + length);
        }
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("array too long for one shared memory segment: length=" + length
                    + ", max=" + MAX_LENGTH);
        }
        this.typecode = typecode;
        this.kind = Handles.of(typecode, array);
        this.attachment = Attachment.of(Segment.create(what + "-", Segment.KIND_VALUE, ValueLayout.VERSION,
                ValueLayout.bodySize(length), b -> {
                    LockWord.init(b, ValueLayout.LOCK_OFFSET);
                    b.putInt(ValueLayout.TYPE_OFFSET, typecode.slot);
                    b.putInt(ValueLayout.LENGTH_OFFSET, length);
                    b.putInt(ValueLayout.TYPECODE_OFFSET, typecode.code);
                }), what, true);
        this.body = attachment.segment().body();
        this.length = length;
        this.lockMode = lockMode;
        this.lock = given;
    }

    SharedSlots(Attachment attachment, int type, boolean array, int lockMode, Lockable given) {
        this.attachment = attachment;
        this.body = attachment.segment().body();
        this.length = body.getInt(ValueLayout.LENGTH_OFFSET);
        int actual = body.getInt(ValueLayout.TYPE_OFFSET);
        if (actual != type) {
            throw new IllegalArgumentException("shared value of another type: name=" + name() + ", type=" + actual
                    + ", expected=" + type);
        }
        this.typecode = Typecode.stored(body.getInt(ValueLayout.TYPECODE_OFFSET), type);
        this.kind = Handles.of(typecode, array);
        this.lockMode = lockMode;
        this.lock = given;
    }

    /** The lock mode for Python's {@code lock} argument: true, false, or a given lock (null means true). */
    static int lockMode(Boolean lock, Lockable given) {
        return given != null ? GIVEN_LOCK : Boolean.FALSE.equals(lock) ? NO_LOCK : OWN_LOCK;
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

    /** Checks a slice {@code [from, to)} as Java does ({@code Arrays.copyOfRange} style), not clamping as Python. */
    final void checkSlice(int from, int to) {
        attachment.open();
        if (from < 0 || to > length || from > to) {
            throw new IndexOutOfBoundsException("slice out of range: from=" + from + ", to=" + to + ", length="
                    + length + ", name=" + name());
        }
    }

    final int intAt(int index) {
        return Words.getIntVolatile(body, at(index));
    }

    final long longAt(int index) {
        return Words.getLongVolatile(body, at(index));
    }

    /** Adds {@code delta} to an int or long slot atomically, truncating to the typecode's width as C does. */
    final long addAndGetAt(int index, long delta) {
        int at = at(index);
        if (typecode.slot == ValueLayout.INT) {
            if (typecode.bits == 32) {
                return Words.getAndAddInt(body, at, (int) delta) + (int) delta;
            }
            while (true) {
                int current = Words.getIntVolatile(body, at);
                int next = (int) typecode.wrap(current + delta);
                if (Words.casInt(body, at, current, next)) {
                    return next;
                }
            }
        }
        if (typecode.bits == 64) {
            return Words.getAndAddLong(body, at, delta) + delta;
        }
        while (true) {
            long current = Words.getLongVolatile(body, at);
            long next = typecode.wrap(current + delta);
            if (Words.casLong(body, at, current, next)) {
                return next;
            }
        }
    }

    /**
     * Python's typecode of the elements ({@code 'i'}, {@code 'B'}, {@code 'd'}...).
     *
     * @return the typecode letter
     */
    public char typecode() {
        return typecode.code;
    }

    /**
     * Whether this object has a lock (Python: a synchronized wrapper); false when made with {@code lock=false}, by
     * {@code raw}, or by {@link #getObj()}.
     *
     * @return whether {@link #getLock()} returns a lock
     */
    public boolean hasLock() {
        return lockMode != NO_LOCK;
    }

    /**
     * The lock that guards compound updates (Python: {@code get_lock()}): the lock given at creation, or this
     * object's own {@link RLock} (Python's default); the same lock in every process.
     *
     * @return the lock
     * @throws IllegalStateException when this object has no lock (made with {@code lock=false}, by {@code raw}, or
     *     by {@link #getObj()}), as Python's raw objects have no {@code get_lock}
     */
    public Lockable getLock() {
        Lockable l = lock;
        if (l == null) {
            if (lockMode == NO_LOCK) {
                throw new IllegalStateException("no lock: name=" + name() + " was made with lock=false, by raw() or"
                        + " by getObj(); make it with lock=true or a given Lock to use getLock()");
            }
            synchronized (this) {
                l = lock;
                if (l == null) {
                    l = RLock.ofValue(attachment.open().fileName());
                    lock = l;
                }
            }
        }
        return l;
    }

    /** The raw object on the same memory, for {@code getObj()}. */
    final SharedSlots rawObj() {
        if (lockMode == NO_LOCK) {
            throw new IllegalStateException("no synchronized wrapper: name=" + name()
                    + " has no lock, it is the raw object already");
        }
        SharedSlots r = raw;
        if (r == null) {
            synchronized (this) {
                r = raw;
                if (r == null) {
                    r = kind.make(Attachment.attachUntracked(attachment.open().fileName(), Segment.KIND_VALUE,
                            ValueLayout.VERSION, "raw object of " + name()), NO_LOCK, null);
                    raw = r;
                }
            }
        }
        return r;
    }

    /**
     * The name of the shared-memory file.
     *
     * @return the name
     */
    public String name() {
        return attachment.segment().fileName();
    }

    /**
     * Detaches, with the raw object and the own lock's handle made from this one (a given lock stays open: its
     * owner closes it); in the creating process, also removes the file (other processes' handles keep working).
     */
    @Override
    public void close() {
        SharedSlots r = raw;
        if (r != null) {
            r.close();
        }
        Lockable l = lock;
        if (l != null && lockMode == OWN_LOCK) {
            l.close();
        }
        attachment.close();
    }

    /**
     * Serializes this handle as its name and its lock choice (a given lock travels as its own handle), so that the
     * receiving process attaches to the same object with the same lock.
     *
     * @return the serial form
     */
    Object writeReplace() {
        if (lockMode == GIVEN_LOCK) {
            return HandleProxy.of(kind, attachment, lockMode, lock);
        }
        return HandleProxy.of(kind, attachment, lockMode);
    }
}

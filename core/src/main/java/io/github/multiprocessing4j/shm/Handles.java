package io.github.multiprocessing4j.shm;

import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.HandleProxy;
import io.github.multiprocessing4j.internal.shm.Segment;
import io.github.multiprocessing4j.internal.shm.ValueLayout;
import io.github.multiprocessing4j.sync.Lockable;

/**
 * How each handle of this package re-attaches from its {@link HandleProxy serial form}, in the receiving process.
 * For values and arrays the index is the lock mode ({@link SharedSlots#OWN_LOCK}...) and the extra, if any, the
 * given lock.
 */
enum Handles implements HandleProxy.Kind {
    INT_VALUE,
    LONG_VALUE,
    DOUBLE_VALUE,
    BOOLEAN_VALUE,
    INT_ARRAY,
    LONG_ARRAY,
    DOUBLE_ARRAY,
    CHAR_ARRAY,
    /** Extras: the name given at creation. */
    SHARED_MEMORY,
    /** Extras: the name of its memory. */
    SHAREABLE_LIST;

    @Override
    public Object reattach(HandleProxy p) {
        if (this == SHARED_MEMORY) {
            return SharedMemory.attachFile((String) p.extra(0), p.file());
        }
        if (this == SHAREABLE_LIST) {
            return ShareableList.on(SharedMemory.attachFile((String) p.extra(0), p.file()));
        }
        Attachment a = Attachment.attach(p.file(), Segment.KIND_VALUE, ValueLayout.VERSION, "shared value");
        return make(a, p.index(), p.index() == SharedSlots.GIVEN_LOCK ? (Lockable) p.extra(0) : null);
    }

    /** A handle of this kind on an attached segment. */
    SharedSlots make(Attachment a, int lockMode, Lockable given) {
        switch (this) {
            case INT_VALUE:
                return new IntValue(a, lockMode, given);
            case LONG_VALUE:
                return new LongValue(a, lockMode, given);
            case DOUBLE_VALUE:
                return new DoubleValue(a, lockMode, given);
            case BOOLEAN_VALUE:
                return new BooleanValue(a, lockMode, given);
            case INT_ARRAY:
                return new IntArray(a, lockMode, given);
            case LONG_ARRAY:
                return new LongArray(a, lockMode, given);
            case DOUBLE_ARRAY:
                return new DoubleArray(a, lockMode, given);
            case CHAR_ARRAY:
                return new CharArray(a, lockMode, given);
            default:
                throw new IllegalStateException("not a value or array: " + this);
        }
    }

    /** The kind of a value or array of typecode {@code typecode}. */
    static Handles of(Typecode typecode, boolean array) {
        if (array && typecode == Typecode.CHAR) {
            return CHAR_ARRAY;
        }
        switch (typecode.slot) {
            case ValueLayout.INT:
                return array ? INT_ARRAY : INT_VALUE;
            case ValueLayout.LONG:
                return array ? LONG_ARRAY : LONG_VALUE;
            case ValueLayout.DOUBLE:
                return array ? DOUBLE_ARRAY : DOUBLE_VALUE;
            default:
                return BOOLEAN_VALUE;
        }
    }
}

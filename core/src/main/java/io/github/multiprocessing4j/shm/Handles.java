package io.github.multiprocessing4j.shm;

import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.HandleProxy;
import io.github.multiprocessing4j.internal.shm.Segment;
import io.github.multiprocessing4j.internal.shm.ValueLayout;

/** How each handle of this package re-attaches from its {@link HandleProxy serial form}, in the receiving process. */
enum Handles implements HandleProxy.Kind {
    INT_VALUE,
    LONG_VALUE,
    DOUBLE_VALUE,
    BOOLEAN_VALUE,
    INT_ARRAY,
    LONG_ARRAY,
    DOUBLE_ARRAY,
    /** Extras: the name given at creation. */
    SHARED_MEMORY;

    @Override
    public Object reattach(HandleProxy p) {
        if (this == SHARED_MEMORY) {
            return SharedMemory.attachFile((String) p.extra(0), p.file());
        }
        Attachment a = Attachment.attach(p.file(), Segment.KIND_VALUE, ValueLayout.VERSION, "shared value");
        switch (this) {
            case INT_VALUE:
                return new IntValue(a);
            case LONG_VALUE:
                return new LongValue(a);
            case DOUBLE_VALUE:
                return new DoubleValue(a);
            case INT_ARRAY:
                return new IntArray(a);
            case LONG_ARRAY:
                return new LongArray(a);
            case DOUBLE_ARRAY:
                return new DoubleArray(a);
            default:
                return new BooleanValue(a);
        }
    }

    /** The kind of a value or array of element type {@code type} (a {@link ValueLayout} type). */
    static Handles of(int type, boolean array) {
        switch (type) {
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

package io.github.multiprocessing4j.shm;

import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.HandleProxy;
import io.github.multiprocessing4j.internal.shm.Segment;
import io.github.multiprocessing4j.internal.shm.ValueLayout;

/** How each handle of this package re-attaches from its {@link HandleProxy serial form}, in the receiving process. */
enum Handles implements HandleProxy.Kind {
    INT_VALUE {
        @Override
        public Object reattach(HandleProxy p) {
            return new IntValue(value(p));
        }
    },
    LONG_VALUE {
        @Override
        public Object reattach(HandleProxy p) {
            return new LongValue(value(p));
        }
    },
    DOUBLE_VALUE {
        @Override
        public Object reattach(HandleProxy p) {
            return new DoubleValue(value(p));
        }
    },
    BOOLEAN_VALUE {
        @Override
        public Object reattach(HandleProxy p) {
            return new BooleanValue(value(p));
        }
    },
    INT_ARRAY {
        @Override
        public Object reattach(HandleProxy p) {
            return new IntArray(value(p));
        }
    },
    LONG_ARRAY {
        @Override
        public Object reattach(HandleProxy p) {
            return new LongArray(value(p));
        }
    },
    DOUBLE_ARRAY {
        @Override
        public Object reattach(HandleProxy p) {
            return new DoubleArray(value(p));
        }
    },
    /** Extras: the name given at creation. */
    SHARED_MEMORY {
        @Override
        public Object reattach(HandleProxy p) {
            return SharedMemory.attachFile((String) p.extra(0), p.file());
        }
    };

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

    private static Attachment value(HandleProxy p) {
        return Attachment.attach(p.file(), Segment.KIND_VALUE, ValueLayout.VERSION, "shared value");
    }
}

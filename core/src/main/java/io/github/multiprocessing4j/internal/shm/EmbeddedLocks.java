package io.github.multiprocessing4j.internal.shm;

import io.github.multiprocessing4j.sync.Lock;

/**
 * Lets other packages make a {@link Lock} that lives inside their own segment (a Value's lock), without a public
 * constructor that would put an internal type in the public API. {@code Lock} registers its factory here when its
 * class is initialized.
 */
public final class EmbeddedLocks {
    /** Makes a lock view on a lock laid out at an offset of a segment. */
    @FunctionalInterface
    public interface Factory {
        Lock embedded(Segment segment, int offset, String what);
    }

    private static volatile Factory factory;

    private EmbeddedLocks() {
    }

    public static void register(Factory f) {
        factory = f;
    }

    /** A lock view on the lock at {@code offset} of {@code segment}; closing the view does not unlink. */
    public static Lock embedded(Segment segment, int offset, String what) {
        if (factory == null) {
            try {
                Class.forName(Lock.class.getName(), true, Lock.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("cannot load the Lock class: " + e.getMessage(), e);
            }
        }
        return factory.embedded(segment, offset, what);
    }
}

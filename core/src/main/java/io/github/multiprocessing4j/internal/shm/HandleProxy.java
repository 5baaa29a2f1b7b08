package io.github.multiprocessing4j.internal.shm;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The serial form of every shared-memory handle (Lock, Queue, Connection, Value, SharedMemory...): the segment's
 * file name, which handle to make of it, and that handle's parameters. A handle's {@code writeReplace} returns
 * {@link #of}, which also reserves a holder slot for the copy on its way; the receiving process's
 * {@code readResolve} attaches to the same segment through the {@link Kind}. So a handle crosses to a child the same
 * way as a process argument, a pool task argument or inside a queue message.
 *
 * <p>The kinds are enums of the public packages: their class goes into the stream, so the codec sees (and allows,
 * and reports) the public package of the handle, and this internal class never names a public one.
 */
public final class HandleProxy implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Makes a handle of one type from a proxy, in the receiving process; an enum constant per handle type. */
    public interface Kind extends Serializable {
        /**
         * Attaches to the proxy's segment.
         *
         * @param proxy the serial form received
         * @return the handle
         */
        Object reattach(HandleProxy proxy);
    }

    private final Kind kind;
    private final String file;
    private final int index;
    /** Typed Object[], not Serializable[]: the codec's allow-list takes java.lang arrays, not java.io ones. */
    private final Object[] extras;

    private HandleProxy(Kind kind, String file, int index, Object[] extras) {
        this.kind = kind;
        this.file = file;
        this.index = index;
        this.extras = extras;
    }

    /**
     * The serial form of a handle; reserves a holder slot for it when the handle is tracked.
     *
     * @param kind the handle's type
     * @param attachment the handle's hold on its segment
     * @param index an int parameter: an offset in the segment, a pipe end (0 when unused)
     * @param extras other serializable parameters (a barrier's action, a condition's lock)
     * @return the proxy
     * @throws IllegalStateException when the handle is closed
     */
    public static HandleProxy of(Kind kind, Attachment attachment, int index, Serializable... extras) {
        attachment.reserve();
        return new HandleProxy(kind, attachment.segment().fileName(), index,
                Arrays.copyOf(extras, extras.length, Object[].class));
    }

    /** The segment's file name. */
    public String file() {
        return file;
    }

    /** The int parameter. */
    public int index() {
        return index;
    }

    /** The i-th other parameter. */
    public Serializable extra(int i) {
        return (Serializable) extras[i];
    }

    private Object readResolve() {
        return kind.reattach(this);
    }

    @Override
    public String toString() {
        return "HandleProxy[" + kind + " " + file + (index != 0 ? "@" + index : "") + "]";
    }
}

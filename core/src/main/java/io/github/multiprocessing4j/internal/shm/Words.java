package io.github.multiprocessing4j.internal.shm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Atomic access to aligned int and long words of a direct (memory-mapped) buffer, in the platform's byte order.
 * The VarHandles compile to the processor's atomic instructions on the mapped memory, so they order and publish
 * writes between processes as they do between threads.
 */
public final class Words {
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class,
            ByteOrder.nativeOrder());

    private Words() {
    }

    public static int getIntAcquire(ByteBuffer b, int offset) {
        return (int) INT.getAcquire(b, offset);
    }

    public static int getIntVolatile(ByteBuffer b, int offset) {
        return (int) INT.getVolatile(b, offset);
    }

    public static void setIntRelease(ByteBuffer b, int offset, int value) {
        INT.setRelease(b, offset, value);
    }

    public static void setIntVolatile(ByteBuffer b, int offset, int value) {
        INT.setVolatile(b, offset, value);
    }

    public static boolean casInt(ByteBuffer b, int offset, int expected, int value) {
        return INT.compareAndSet(b, offset, expected, value);
    }

    public static int getAndAddInt(ByteBuffer b, int offset, int delta) {
        return (int) INT.getAndAdd(b, offset, delta);
    }

    public static long getLongAcquire(ByteBuffer b, int offset) {
        return (long) LONG.getAcquire(b, offset);
    }

    public static long getLongVolatile(ByteBuffer b, int offset) {
        return (long) LONG.getVolatile(b, offset);
    }

    public static long getLongPlain(ByteBuffer b, int offset) {
        return (long) LONG.get(b, offset);
    }

    public static void setLongRelease(ByteBuffer b, int offset, long value) {
        LONG.setRelease(b, offset, value);
    }

    public static void setLongVolatile(ByteBuffer b, int offset, long value) {
        LONG.setVolatile(b, offset, value);
    }

    public static boolean casLong(ByteBuffer b, int offset, long expected, long value) {
        return LONG.compareAndSet(b, offset, expected, value);
    }

    public static long getAndSetLong(ByteBuffer b, int offset, long value) {
        return (long) LONG.getAndSet(b, offset, value);
    }

    public static long getAndAddLong(ByteBuffer b, int offset, long delta) {
        return (long) LONG.getAndAdd(b, offset, delta);
    }
}

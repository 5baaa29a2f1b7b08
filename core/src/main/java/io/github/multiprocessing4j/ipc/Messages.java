package io.github.multiprocessing4j.ipc;

import io.github.multiprocessing4j.exception.ProcessException;
import io.github.multiprocessing4j.internal.codec.Codec;
import io.github.multiprocessing4j.internal.ipc.Ring;
import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.internal.shm.Waiter;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Turns objects into messages and back with the {@link Codec}, as Python pickles: every object, {@code byte[]}
 * included, is encoded, so that a message is only bytes and {@code send(obj)} is {@code sendBytes(encode(obj))}.
 *
 * <p>A {@code byte[]} object is copied once each way: from the sender's array into the ring (after its codec
 * head), and from the ring into the receiver's array; its encoded form is never built in the heap.
 */
final class Messages {
    /** What {@link #read} returns when the deadline passed: no message can decode to it. */
    static final Object NONE = new Object();

    private Messages() {
    }

    static byte[] encode(Object item, String what) {
        return Codec.encode(item, what).bytes();
    }

    /**
     * Writes an object as one message.
     *
     * @return false when the deadline passed first
     */
    static boolean write(Ring ring, Object item, String what, Waiter waiter, Waiter.Check readers)
            throws InterruptedException {
        if (item instanceof byte[]) {
            byte[] raw = (byte[]) item;
            return ring.write(Codec.bytesHead(raw.length), raw, 0, raw.length, waiter, readers);
        }
        byte[] bytes = encode(item, what);
        return ring.write(bytes, 0, bytes.length, waiter, readers);
    }

    /**
     * Reads one message and decodes it, after the ring's lock is let go.
     *
     * @return the object, or {@link #NONE} when the deadline passed first
     * @throws ProcessException as {@link #decode} does
     */
    static Object read(Ring ring, String what, Waiter waiter, Waiter.Check writers) throws InterruptedException {
        Object got = ring.read(waiter, writers, Messages::extract);
        if (got == null) {
            return NONE;
        }
        return got instanceof Raw ? ((Raw) got).value : decode((byte[]) got, what);
    }

    /** A {@code byte[]} object taken straight from the ring, or else a copy of the message to decode. */
    private static Object extract(ByteBuffer buffer, int at, int length) {
        byte[] raw = Codec.decodeBytes(buffer, at, length);
        return raw != null ? new Raw(raw) : Ring.copy(buffer, at, length);
    }

    /** A decoded {@code byte[]} object, told apart from the encoded bytes of a message. */
    private static final class Raw {
        final byte[] value;

        Raw(byte[] value) {
            this.value = value;
        }
    }

    /**
     * Decodes a message through the allow-list.
     *
     * @throws ProcessException when the bytes are not an encoded object (Python: {@code UnpicklingError}), or name
     *     a class the allow-list refuses
     */
    static Object decode(byte[] message, String what) {
        try {
            return Codec.decode(message, JvmRuntime.get().allowList());
        } catch (IOException | ClassNotFoundException e) {
            throw new ProcessException("cannot decode a message as an object (was it sent as raw bytes that are not"
                    + " an encoded object?): channel=" + what + ", size=" + message.length + ", error=" + e, e);
        }
    }
}

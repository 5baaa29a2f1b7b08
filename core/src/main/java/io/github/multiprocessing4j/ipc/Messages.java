package io.github.multiprocessing4j.ipc;

import io.github.multiprocessing4j.exception.ProcessException;
import io.github.multiprocessing4j.internal.codec.Codec;
import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import java.io.IOException;

/**
 * Turns objects into messages and back with the {@link Codec}, as Python pickles: every object, {@code byte[]}
 * included, is encoded, so that a message is only bytes and {@code send(obj)} is {@code sendBytes(encode(obj))}.
 */
final class Messages {
    private Messages() {
    }

    static byte[] encode(Object item, String what) {
        return Codec.encode(item, what).bytes();
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

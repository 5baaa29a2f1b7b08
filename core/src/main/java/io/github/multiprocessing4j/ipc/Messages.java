package io.github.multiprocessing4j.ipc;

import io.github.multiprocessing4j.exception.ProcessException;
import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.internal.codec.Codec;
import io.github.multiprocessing4j.internal.ipc.Ring;
import java.io.IOException;

/** Turns items into ring messages and back: {@code byte[]} raw, everything else through the {@link Codec}. */
final class Messages {
    private Messages() {
    }

    /** An encoded item. */
    record Encoded(int kind, byte[] bytes) {
    }

    static Encoded encode(Object item, String what) {
        if (item instanceof byte[]) {
            return new Encoded(Ring.KIND_BYTES, (byte[]) item);
        }
        return new Encoded(Ring.KIND_OBJECT, Codec.encode(item, what).bytes());
    }

    static Object decode(Ring.Message message, String what) {
        if (message.kind() == Ring.KIND_BYTES) {
            return message.payload();
        }
        try {
            return Codec.decode(message.payload(), JvmRuntime.get().allowList());
        } catch (IOException | ClassNotFoundException e) {
            throw new ProcessException("cannot deserialize a message: channel=" + what + ", error=" + e, e);
        }
    }
}

package io.github.multiprocessing4j.internal.wire;

/**
 * One message on a channel: a type and a payload. On the wire: a 4-byte big-endian length of the payload, the
 * type's tag byte, then the payload.
 *
 * @param type what the message is
 * @param payload its bytes, as the type's message class encodes them
 */
public record Frame(FrameType type, byte[] payload) {
    private static final byte[] EMPTY = new byte[0];

    /** The largest payload a channel accepts: 1 GiB. */
    public static final int MAX_PAYLOAD = 1 << 30;

    /** A frame without payload (WELCOME, READY, POOL_READY, POOL_EXIT, POOL_RETIRING). */
    public static Frame empty(FrameType type) {
        return new Frame(type, EMPTY);
    }
}

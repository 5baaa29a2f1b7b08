package io.github.multiprocessing4j.internal.wire;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * The first frame a child writes on the parent's control socket (HELLO): which child it is and the proof, its
 * per-child secret from the boot frame.
 *
 * <pre>
 *   long childId | int secretLength | secret | long pid
 * </pre>
 *
 * @param childId the parent's number for the child
 * @param secret the secret the boot frame carried
 * @param pid the child's pid
 */
public record Hello(long childId, byte[] secret, long pid) {
    /** A secret longer than this is not one of ours: refused before anything is allocated for it. */
    static final int MAX_SECRET = 64;

    /** The HELLO frame. */
    public Frame toFrame() {
        ByteBuffer out = ByteBuffer.allocate(8 + 4 + secret.length + 8);
        out.putLong(childId).putInt(secret.length).put(secret).putLong(pid);
        return new Frame(FrameType.HELLO, out.array());
    }

    /**
     * Reads a HELLO frame's payload.
     *
     * @throws IOException when it is damaged
     */
    public static Hello decode(byte[] payload) throws IOException {
        try {
            ByteBuffer in = ByteBuffer.wrap(payload);
            long childId = in.getLong();
            int length = in.getInt();
            if (length < 0 || length > MAX_SECRET) {
                throw new IOException("damaged hello frame: secret length " + length);
            }
            byte[] secret = new byte[length];
            in.get(secret);
            return new Hello(childId, secret, in.getLong());
        } catch (BufferUnderflowException e) {
            throw new IOException("damaged hello frame: size=" + payload.length, e);
        }
    }
}

package io.github.multiprocessing4j.internal.wire;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes frames to a stream. Thread-safe: a frame is written whole, never interleaved with another, with one
 * write call for small frames.
 */
public final class FrameWriter implements AutoCloseable {
    private final OutputStream out;

    public FrameWriter(OutputStream out) {
        this.out = out;
    }

    public synchronized void write(byte type, byte[] payload) throws IOException {
        if (payload.length > Frame.MAX_PAYLOAD) {
            throw new IOException("message too large: size=" + payload.length + ", limit=" + Frame.MAX_PAYLOAD);
        }
        if (payload.length <= 64 * 1024) {
            byte[] whole = new byte[5 + payload.length];
            putHeader(whole, type, payload.length);
            System.arraycopy(payload, 0, whole, 5, payload.length);
            out.write(whole);
        } else {
            byte[] header = new byte[5];
            putHeader(header, type, payload.length);
            out.write(header);
            out.write(payload);
        }
        out.flush();
    }

    /** Writes bytes that already hold whole frames, in one write. */
    public synchronized void writeRaw(byte[] frames) throws IOException {
        out.write(frames);
        out.flush();
    }

    private static void putHeader(byte[] into, byte type, int length) {
        into[0] = (byte) (length >>> 24);
        into[1] = (byte) (length >>> 16);
        into[2] = (byte) (length >>> 8);
        into[3] = (byte) length;
        into[4] = type;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}

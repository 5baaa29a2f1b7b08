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

    public void write(Frame frame) throws IOException {
        write(frame.type(), frame.payload());
    }

    public synchronized void write(FrameType type, byte[] payload) throws IOException {
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

    /** Writes two frames with one write call (a child's boot and task: one pipe write, one wake-up). */
    public synchronized void write(Frame first, Frame second) throws IOException {
        int size = 10 + first.payload().length + second.payload().length;
        byte[] both = new byte[size];
        putHeader(both, first.type(), first.payload().length);
        System.arraycopy(first.payload(), 0, both, 5, first.payload().length);
        int at = 5 + first.payload().length;
        putHeader(both, at, second.type(), second.payload().length);
        System.arraycopy(second.payload(), 0, both, at + 5, second.payload().length);
        out.write(both);
        out.flush();
    }

    private static void putHeader(byte[] into, FrameType type, int length) {
        putHeader(into, 0, type, length);
    }

    private static void putHeader(byte[] into, int at, FrameType type, int length) {
        into[at] = (byte) (length >>> 24);
        into[at + 1] = (byte) (length >>> 16);
        into[at + 2] = (byte) (length >>> 8);
        into[at + 3] = (byte) length;
        into[at + 4] = type.tag();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}

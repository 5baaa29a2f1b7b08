package io.github.multiprocessing4j.internal.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads frames from a stream. One reader thread at a time.
 */
public final class FrameReader implements AutoCloseable {
    /** The payload array's first size: a frame larger than this grows it as its bytes arrive. */
    private static final int FIRST_CHUNK = 1 << 20;

    private final InputStream in;

    public FrameReader(InputStream in) {
        this.in = in;
    }

    /**
     * Reads the next frame.
     *
     * @return the frame, or {@code null} at a clean end of stream (the peer closed or died between frames)
     * @throws EOFException when the stream ends inside a frame (the peer died while writing)
     */
    public Frame read() throws IOException {
        return read(Frame.MAX_PAYLOAD);
    }

    /**
     * Reads the next frame, refusing one longer than {@code maxLength} before reading its payload (an
     * unauthenticated peer must not make this JVM allocate what it claims).
     *
     * @return the frame, or {@code null} at a clean end of stream
     * @throws IOException when the frame is longer, damaged, or cut short
     */
    public Frame read(int maxLength) throws IOException {
        byte[] header = new byte[5];
        int got = in.readNBytes(header, 0, 5);
        if (got == 0) {
            return null;
        }
        if (got < 5) {
            throw new EOFException("the peer closed the channel inside a frame header");
        }
        int length = ((header[0] & 0xff) << 24) | ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8)
                | (header[3] & 0xff);
        if (length < 0 || length > maxLength) {
            throw new IOException("damaged channel: frame length " + length);
        }
        FrameType type = FrameType.of(header[4]);
        if (type == null) {
            throw new IOException("damaged channel: unknown frame type " + header[4]);
        }
        return new Frame(type, readPayload(length));
    }

    /**
     * Reads a payload straight into its array, with reads as large as the room left (InputStream.readNBytes
     * reads a large one in small chunks and joins them: twice its size). The array grows as bytes arrive, never
     * beyond them by more than half: a peer cannot make this JVM allocate what it only claims.
     */
    private byte[] readPayload(int length) throws IOException {
        byte[] payload = new byte[Math.min(length, FIRST_CHUNK)];
        int got = 0;
        while (got < length) {
            if (got == payload.length) {
                payload = Arrays.copyOf(payload, (int) Math.min(length, 2L * payload.length));
            }
            // at most FIRST_CHUNK a call: a channel reads into a temporary native buffer the size of the call
            int n = in.read(payload, got, Math.min(FIRST_CHUNK, payload.length - got));
            if (n < 0) {
                throw new EOFException("the peer closed the channel inside a frame: got=" + got
                        + ", expected=" + length);
            }
            got += n;
        }
        return payload;
    }

    /**
     * How many bytes can be read without blocking (buffered ones included), as {@link InputStream#available()}.
     *
     * @return the number of bytes, 0 when a read would block
     * @throws IOException when the stream is broken
     */
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

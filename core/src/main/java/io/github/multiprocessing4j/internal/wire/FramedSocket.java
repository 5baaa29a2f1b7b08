package io.github.multiprocessing4j.internal.wire;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * One authenticated socket: between a parent and a child, or the two ends of a Listener/Client connection;
 * frames in both directions.
 */
public final class FramedSocket implements AutoCloseable {
    private final SocketChannel channel;
    private final SocketStreams.ChannelInput input;
    private final FrameReader reader;
    private final FrameWriter writer;

    FramedSocket(SocketChannel channel) {
        this.channel = channel;
        this.input = SocketStreams.input(channel);
        this.reader = new FrameReader(input);
        this.writer = new FrameWriter(SocketStreams.output(channel));
    }

    /**
     * Wraps a connected, blocking channel (a Listener's accepted connection, a Client's after its handshake).
     *
     * @param channel the channel; closed with this socket
     * @return the framed socket
     */
    public static FramedSocket of(SocketChannel channel) {
        return new FramedSocket(channel);
    }

    /** Connects to a control socket (child side). */
    public static FramedSocket connect(java.nio.file.Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        try {
            channel.connect(java.net.UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new FramedSocket(channel);
    }

    public Frame read() throws IOException {
        return reader.read();
    }

    /** Reads the next frame, refusing one whose payload is longer than {@code maxLength} (before a handshake). */
    public Frame read(int maxLength) throws IOException {
        return reader.read(maxLength);
    }

    /**
     * Waits up to {@code nanos} on-CPU for the peer's next bytes, before a {@link #read()} that would block: a
     * frame that arrives within the spin costs no wake-up of the reading thread. Returns early once bytes are
     * buffered; never throws (a broken channel is reported by the next read).
     */
    public void spin(long nanos) {
        input.spin(nanos);
    }

    public void write(Frame frame) throws IOException {
        writer.write(frame);
    }

    public void write(FrameType type, byte[] payload) throws IOException {
        writer.write(type, payload);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a socket whose peer is gone: nothing left to do
        }
    }
}

package io.github.multiprocessing4j.internal.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Streams over a blocking {@link SocketChannel} that let one thread read while another writes.
 * {@code Channels.newInputStream}/{@code newOutputStream} both lock the channel's blocking lock, so a reader
 * blocked waiting for data would stall every writer.
 */
final class SocketStreams {
    private SocketStreams() {
    }

    static ChannelInput input(SocketChannel channel) {
        return new ChannelInput(channel);
    }

    /**
     * A buffered input over a blocking channel: a small frame and the frames queued behind it come with one read
     * call; a read larger than the buffer goes straight into the caller's array. {@link #spin} waits a little
     * on-CPU for bytes before the reader blocks. One reader thread; nothing else reads the channel.
     */
    static final class ChannelInput extends InputStream {
        private static final int BUFFER = 16 * 1024;
        private final SocketChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER).flip();
        /** Whether the channel was left non-blocking by {@link #spin}; only the reader thread switches it. */
        private boolean nonBlocking;

        ChannelInput(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (!buffer.hasRemaining()) {
                if (nonBlocking) {
                    // left so by a spin that found bytes: take what came since, else block again
                    buffer.clear();
                    int n = channel.read(buffer);
                    buffer.flip();
                    if (n == 0) {
                        blocking();
                    } else if (n < 0) {
                        return -1;
                    }
                }
                if (!buffer.hasRemaining()) {
                    if (len >= BUFFER) {
                        return channel.read(ByteBuffer.wrap(b, off, len));
                    }
                    buffer.clear();
                    int n = channel.read(buffer);
                    buffer.flip();
                    if (n <= 0) {
                        return n < 0 ? -1 : 0;
                    }
                }
            }
            int n = Math.min(len, buffer.remaining());
            buffer.get(b, off, n);
            return n;
        }

        /** The bytes buffered: what can be read without a call to the channel. */
        @Override
        public int available() {
            return buffer.remaining();
        }

        /**
         * Waits up to {@code nanos} on-CPU (yielding, so that a thread waiting on this one's CPU runs) for bytes
         * to arrive, reading them into the buffer without blocking; returns at once when some are buffered. A peer
         * that answers within the spin then costs no wake-up of the reader. The channel stays non-blocking while
         * spins find bytes (no mode switch per frame); a read that finds none puts it back in blocking mode.
         * Returns quietly on a broken channel: the next read reports it.
         */
        void spin(long nanos) {
            if (buffer.hasRemaining()) {
                return;
            }
            long end = System.nanoTime() + nanos;
            try {
                if (!nonBlocking) {
                    channel.configureBlocking(false);
                    nonBlocking = true;
                }
                buffer.clear();
                int n;
                try {
                    while ((n = channel.read(buffer)) == 0 && System.nanoTime() < end) {
                        Thread.yield();
                    }
                } finally {
                    buffer.flip();
                }
                if (n == 0) {
                    blocking();
                }
            } catch (IOException | RuntimeException e) {
                // closed or broken: the next read says so
            }
        }

        private void blocking() throws IOException {
            channel.configureBlocking(true);
            nonBlocking = false;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    static OutputStream output(SocketChannel channel) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }
}

package io.github.multiprocessing4j.internal.child;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The child's stdin, read through a {@link FileChannel} so that closing it wakes a thread blocked reading it
 * (HotSpot waits up to 300 ms at exit for threads blocked in native reads). {@code Channels.newInputStream} would
 * do, but its {@code available()} asks the channel for its position, which a pipe does not have ("Illegal
 * seek"), and {@code BufferedInputStream} calls {@code available()} for reads larger than its buffer.
 */
final class StdinInput extends InputStream {
    private final FileChannel channel;
    private final FileInputStream probe = new FileInputStream(FileDescriptor.in); // never closed: it is fd 0

    StdinInput(FileChannel channel) {
        this.channel = channel;
    }

    static StdinInput open() {
        return new StdinInput(new FileInputStream(FileDescriptor.in).getChannel());
    }

    FileChannel channel() {
        return channel;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return len == 0 ? 0 : channel.read(ByteBuffer.wrap(b, off, len));
    }

    /** The bytes in the pipe now (FIONREAD), 0 when it cannot say. */
    @Override
    public int available() throws IOException {
        if (!channel.isOpen()) {
            return 0;
        }
        try {
            return probe.available();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}

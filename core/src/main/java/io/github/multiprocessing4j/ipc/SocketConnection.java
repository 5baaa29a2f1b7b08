package io.github.multiprocessing4j.ipc;

import io.github.multiprocessing4j.exception.PeerGoneException;
import io.github.multiprocessing4j.exception.ProcessException;
import io.github.multiprocessing4j.internal.codec.Codec;
import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.internal.time.Durations;
import io.github.multiprocessing4j.internal.wire.Frame;
import io.github.multiprocessing4j.internal.wire.FrameType;
import io.github.multiprocessing4j.internal.wire.FramedSocket;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * A connection over an authenticated socket, as {@link Listener#accept()} and {@link Client#connect} make it.
 * One daemon thread per connection reads whole frames into an inbox of at most {@value #INBOX} messages (a slow
 * reader slows the sender, as a socket does); nothing is decoded until {@code recv}, behind the allow-list. It
 * cannot be sent to another process: the socket belongs to this one.
 */
final class SocketConnection extends Connection {
    private static final long serialVersionUID = 1L;
    private static final int INBOX = 64;

    private final transient FramedSocket socket;
    private final transient String description;
    private final transient ArrayDeque<Frame> inbox = new ArrayDeque<>();
    private transient boolean ended;
    private transient volatile boolean closed;
    private transient IOException failure;

    SocketConnection(FramedSocket socket, String description) {
        this.socket = socket;
        this.description = description;
        Thread reader = new Thread(this::readLoop, "mp4j-connection-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop() {
        try {
            for (Frame frame = socket.read(); frame != null; frame = socket.read()) {
                if (frame.type() != FrameType.MESSAGE && frame.type() != FrameType.MESSAGE_BYTES) {
                    throw new IOException("unexpected frame on a connection: type=" + frame.type());
                }
                synchronized (this) {
                    while (inbox.size() >= INBOX && !closed) {
                        wait();
                    }
                    inbox.add(frame);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (this) {
                failure = closed ? null : e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
            socket.close(); // the peer is gone: let go of the descriptor now; what was read stays readable
        }
    }

    @Override
    public void send(Object message) throws InterruptedException {
        checkOpen();
        write(FrameType.MESSAGE, Codec.encode(message, "a message sent on " + description).bytes());
    }

    @Override
    public void sendBytes(byte[] bytes, int offset, int size) throws InterruptedException {
        checkOpen();
        if (offset < 0 || size < 0 || offset > bytes.length - size) {
            throw new IndexOutOfBoundsException("slice out of range: offset=" + offset + ", size=" + size
                    + ", length=" + bytes.length);
        }
        write(FrameType.MESSAGE_BYTES, Arrays.copyOfRange(bytes, offset, offset + size));
    }

    private void write(FrameType type, byte[] payload) {
        try {
            socket.write(type, payload);
        } catch (IOException e) {
            throw new PeerGoneException("the other end of the connection is gone: connection=" + description
                    + ", error=" + e.getMessage());
        }
    }

    @Override
    public Object recv() throws InterruptedException {
        Frame frame = next();
        if (frame.type() == FrameType.MESSAGE_BYTES) {
            return frame.payload();
        }
        try {
            return Codec.decode(frame.payload(), JvmRuntime.get().allowList());
        } catch (IOException | ClassNotFoundException e) {
            throw new ProcessException("cannot deserialize a message: channel=" + description + ", error=" + e, e);
        }
    }

    @Override
    public byte[] recvBytes() throws InterruptedException {
        return next().payload();
    }

    private synchronized Frame next() throws InterruptedException {
        checkOpen();
        while (inbox.isEmpty()) {
            if (ended) {
                throw gone();
            }
            wait();
            checkOpen();
        }
        Frame message = inbox.poll();
        notifyAll();
        return message;
    }

    @Override
    public synchronized boolean poll(Duration timeout) throws InterruptedException {
        checkOpen();
        long deadline = timeout == null ? Long.MAX_VALUE : Durations.deadline(timeout);
        while (inbox.isEmpty() && !ended) {
            long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            long millis = left == Long.MAX_VALUE ? 0 : Math.max(1, left / 1_000_000L);
            wait(Math.min(millis == 0 ? 1000 : millis, 1000));
        }
        return true;
    }

    private PeerGoneException gone() {
        String why = failure == null ? "closed" : failure.getMessage();
        return new PeerGoneException("the other end of the connection is gone: connection=" + description
                + ", why=" + why);
    }

    @Override
    public boolean isReadable() {
        return true;
    }

    @Override
    public boolean isWritable() {
        return true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
        }
        socket.close();
    }

    @Override
    synchronized boolean hasMessage() {
        checkOpen();
        return !inbox.isEmpty();
    }

    @Override
    synchronized boolean peerGone() {
        return ended && inbox.isEmpty();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the connection is closed: connection=" + description);
        }
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        throw new NotSerializableException("a socket connection cannot be sent to another process (" + description
                + "): its socket belongs to this process; send the Listener's address instead and connect"
                + " with Client.connect there");
    }

    @Override
    public String toString() {
        return "SocketConnection[" + description + (closed ? ", closed" : "") + "]";
    }
}

package io.github.multiprocessing4j.ipc;

import io.github.multiprocessing4j.exception.PeerGoneException;
import io.github.multiprocessing4j.internal.ipc.Ring;
import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.HandleProxy;
import io.github.multiprocessing4j.internal.shm.PeerTable;
import io.github.multiprocessing4j.internal.shm.Segment;
import io.github.multiprocessing4j.internal.shm.Waiter;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One end of a {@link Pipe} (Python: {@code multiprocessing.connection.Connection}).
 *
 * <h2>What crosses the process boundary</h2>
 * {@link #send} serializes an object with the library's codec (fast path for boxed primitives, strings and
 * {@code byte[]}; java.io with the allow-list for the rest); an object that cannot be serialized fails in the
 * sender with {@link io.github.multiprocessing4j.exception.SerializationFailedException} and nothing is sent.
 * {@link #sendBytes} copies raw bytes once into shared memory and {@link #recvBytes} once out. A message larger
 * than {@link #maxMessageSize()} fails with {@link IllegalArgumentException}; the connection stays usable. The
 * connection itself crosses as the pipe's name and its end: handed to a child, it is the same end there.
 *
 * <h2>Blocking</h2>
 * {@code recv} waits for a message, {@code send} for room (the other side reads too slowly); {@link #poll} waits
 * at most its timeout. A waiting thread spins a few microseconds, then parks with a backoff of at most 1 ms.
 * Several threads or processes may use the same end: each message still goes whole to exactly one reader.
 *
 * <h2>When the other side goes</h2>
 * Once every process holding the other end has closed it or died (and no handle of it is on its way to a process
 * that is starting), {@code recv} on an empty connection and a blocked {@code send} throw
 * {@link PeerGoneException} (Python: {@code EOFError}, {@code BrokenPipeError}) within about 10 ms. As in Python,
 * a process that keeps a handle on the other end open (say, the parent after passing it to a child) keeps it
 * alive: close the ends a process does not use. A process killed mid-send never delivers half a message.
 *
 * <h2>Lifetime</h2>
 * The shared-memory file is removed when the last handle on either end is closed, or when the creating process
 * exits. Using a closed connection throws {@link IllegalStateException}.
 */
public final class Connection implements Serializable, AutoCloseable {
    private static final long serialVersionUID = 1L;

    private final transient Attachment attachment;
    private final transient int end;
    private final transient Ring in;
    private final transient Ring out;
    private final transient PeerTable theirs;
    /** The pipe's file name and this end, e.g. {@code mp4j-42-pipe-ab12#1}; built once, not per message. */
    private final transient String label;
    private final transient String sendWhat;

    private Connection(Segment segment, int end, boolean deserialized) {
        this.end = end;
        this.label = segment.fileName() + "#" + end;
        this.sendWhat = "a message sent on " + label;
        var body = segment.body();
        PeerTable mine = new PeerTable(body, end == 1 ? PipeLayout.PEERS_1 : PipeLayout.PEERS_2, segment);
        this.theirs = new PeerTable(body, end == 1 ? PipeLayout.PEERS_2 : PipeLayout.PEERS_1, segment);
        PeerTable ends1 = end == 1 ? mine : theirs;
        PeerTable ends2 = end == 1 ? theirs : mine;
        boolean duplex = body.getInt(PipeLayout.DUPLEX) != 0;
        // ring A is written by end 2 and read by end 1; ring B the other way
        Ring a = new Ring(body, PipeLayout.RING_A, ends2::isDead, ends1::isDead);
        Ring b = duplex ? new Ring(body, PipeLayout.ringB(a.maxMessage() + 8), ends1::isDead, ends2::isDead) : null;
        this.in = end == 1 ? a : duplex ? b : null;
        this.out = end == 1 ? b : a;
        segment.setUnusedCheck(() -> mine.nobodyLeft() && theirs.nobodyLeft());
        this.attachment = Attachment.listed(segment, mine, deserialized, "connection");
    }

    static Connection create(Segment segment, int end) {
        return new Connection(segment, end, false);
    }

    static Connection attach(Segment segment, int end) {
        return new Connection(segment, end, true);
    }

    /**
     * Sends an object (Python: {@code send(obj)}).
     *
     * @param message the object; serializable (or null)
     * @throws InterruptedException if interrupted while waiting for room
     * @throws IllegalStateException on a receive-only end, or after close
     * @throws PeerGoneException when the other end is gone while waiting for room
     */
    public void send(Object message) throws InterruptedException {
        Ring ring = writable();
        Messages.Encoded m = Messages.encode(message, sendWhat);
        ring.write(m.kind(), m.bytes(), 0, m.bytes().length, Waiter.forever(), this::checkPeer);
    }

    /**
     * Sends raw bytes (Python: {@code send_bytes(buf)}).
     *
     * @param bytes the message
     * @throws InterruptedException if interrupted while waiting for room
     */
    public void sendBytes(byte[] bytes) throws InterruptedException {
        sendBytes(bytes, 0, bytes.length);
    }

    /**
     * Sends a slice of a byte array as one message (Python: {@code send_bytes(buf, offset, size)}).
     *
     * @param bytes the array
     * @param offset where the message starts
     * @param size its length
     * @throws InterruptedException if interrupted while waiting for room
     * @throws IndexOutOfBoundsException when the slice is not inside the array
     */
    public void sendBytes(byte[] bytes, int offset, int size) throws InterruptedException {
        java.util.Objects.checkFromIndexSize(offset, size, bytes.length);
        writable().write(Ring.KIND_BYTES, bytes, offset, size, Waiter.forever(), this::checkPeer);
    }

    /**
     * Receives the next object (Python: {@code recv()}); a message sent with {@link #sendBytes} arrives as a
     * {@code byte[]}.
     *
     * @return the object
     * @throws InterruptedException if interrupted while waiting
     * @throws PeerGoneException when nothing is left to read and the other end is gone
     */
    public Object recv() throws InterruptedException {
        return Messages.decode(next(), toString());
    }

    /**
     * Receives the next message as bytes (Python: {@code recv_bytes()}); for a message sent with {@link #send},
     * these are its serialized form.
     *
     * @return the bytes
     * @throws InterruptedException if interrupted while waiting
     * @throws PeerGoneException when nothing is left to read and the other end is gone
     */
    public byte[] recvBytes() throws InterruptedException {
        return next().payload();
    }

    /**
     * Receives the next message as bytes if it is at most {@code maxLength} long (Python:
     * {@code recv_bytes(maxlength)}). Differs from Python: a longer message is taken off the connection and
     * handed over in the exception, and the connection stays usable.
     *
     * @param maxLength the longest message accepted
     * @return the bytes
     * @throws BufferTooShortException when the message is longer; it carries the whole message
     * @throws InterruptedException if interrupted while waiting
     */
    public byte[] recvBytes(int maxLength) throws InterruptedException {
        byte[] message = next().payload();
        if (message.length > maxLength) {
            throw new BufferTooShortException("message longer than maxLength: size=" + message.length
                    + ", maxLength=" + maxLength + ", connection=" + this, message);
        }
        return message;
    }

    /**
     * Receives the next message into {@code buffer} from {@code offset} (Python: {@code recv_bytes_into}).
     *
     * @param buffer where to copy the message
     * @param offset where in the buffer
     * @return the message's length
     * @throws BufferTooShortException when the message does not fit; it carries the whole message
     * @throws InterruptedException if interrupted while waiting
     */
    public int recvBytesInto(byte[] buffer, int offset) throws InterruptedException {
        if (offset < 0 || offset > buffer.length) {
            throw new IndexOutOfBoundsException("offset out of range: offset=" + offset + ", length="
                    + buffer.length);
        }
        byte[] message = next().payload();
        if (message.length > buffer.length - offset) {
            throw new BufferTooShortException("buffer too short for the message: size=" + message.length
                    + ", room=" + (buffer.length - offset) + ", connection=" + this, message);
        }
        System.arraycopy(message, 0, buffer, offset, message.length);
        return message.length;
    }

    private Ring.Message next() throws InterruptedException {
        return readable().read(Waiter.forever(), this::checkPeer);
    }

    /**
     * Whether a message can be read now, or after waiting at most {@code timeout} (Python: {@code poll(timeout)}).
     * Also true when the other end is gone, so that {@code recv} would throw at once, as Python's poll is true at
     * end of file.
     *
     * @param timeout how long to wait; {@link Duration#ZERO} to look without waiting
     * @return whether {@code recv} would not block
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean poll(Duration timeout) throws InterruptedException {
        Ring ring = readable();
        Waiter.Outcome outcome = Waiter.upTo(timeout).await(ring::hasData, theirs::nobodyLeft);
        return outcome != Waiter.Outcome.TIMED_OUT || theirs.nobodyLeft();
    }

    /**
     * Waits until at least one of {@code connections} can be read (or has a gone peer), at most {@code timeout}
     * (Python: {@code multiprocessing.connection.wait}).
     *
     * @param connections the connections to watch; receive-capable ends
     * @param timeout how long to wait, or null for ever
     * @return the ready connections, in the order given; empty when the timeout passed
     * @throws InterruptedException if interrupted while waiting
     */
    public static List<Connection> wait(List<Connection> connections, Duration timeout) throws InterruptedException {
        Waiter.Outcome outcome = Waiter.upTo(timeout).await(
                () -> connections.stream().anyMatch(c -> c.readable().hasData()),
                () -> connections.stream().anyMatch(c -> c.theirs.nobodyLeft()));
        List<Connection> ready = new ArrayList<>();
        for (Connection c : connections) {
            if (c.readable().hasData() || (outcome == Waiter.Outcome.STOPPED && c.theirs.nobodyLeft())) {
                ready.add(c);
            }
        }
        return ready;
    }

    private boolean checkPeer() {
        if (theirs.nobodyLeft()) {
            throw new PeerGoneException("the other end of the pipe is closed or its process died: connection="
                    + this);
        }
        return false;
    }

    private Ring readable() {
        attachment.open();
        if (in == null) {
            throw new IllegalStateException("connection is send-only: connection=" + this);
        }
        return in;
    }

    private Ring writable() {
        attachment.open();
        if (out == null) {
            throw new IllegalStateException("connection is receive-only: connection=" + this);
        }
        return out;
    }

    /**
     * Whether this end can receive.
     *
     * @return Python's {@code readable}
     */
    public boolean isReadable() {
        return in != null;
    }

    /**
     * Whether this end can send.
     *
     * @return Python's {@code writable}
     */
    public boolean isWritable() {
        return out != null;
    }

    /**
     * Whether this handle is closed.
     *
     * @return Python's {@code closed}
     */
    public boolean isClosed() {
        return attachment.isClosed();
    }

    /**
     * The largest message, in bytes (after serialization for {@link #send}), this connection takes.
     *
     * @return the limit
     */
    public int maxMessageSize() {
        return (out != null ? out : in).maxMessage();
    }

    /**
     * Closes this handle on the end. When no process holds this end any more, the other end's {@code recv}
     * throws {@link PeerGoneException} once it has read what was sent. Closing twice does nothing.
     */
    @Override
    public void close() {
        attachment.close();
    }

    @Override
    public String toString() {
        return label;
    }

    /**
     * Serializes this handle as its pipe's name and its end, so that the receiving process attaches to the same
     * end.
     *
     * @return the serial form
     */
    private Object writeReplace() {
        return HandleProxy.of(Handles.CONNECTION, attachment, end);
    }
}

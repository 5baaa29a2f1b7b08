package io.github.multiprocessing4j.ipc;

import io.github.multiprocessing4j.exception.PeerGoneException;
import io.github.multiprocessing4j.internal.shm.Waiter;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * One end of a two-way or one-way message channel between processes (Python:
 * {@code multiprocessing.connection.Connection}). {@link Pipe} makes connected pairs; every kind of connection the
 * library makes has this type and this contract. Only this package makes connections.
 *
 * <h2>What crosses the process boundary</h2>
 * {@link #send} serializes an object with the library's codec (fast path for boxed primitives, strings and
 * {@code byte[]}; java.io with the allow-list for the rest); an object that cannot be serialized fails in the
 * sender with {@link io.github.multiprocessing4j.exception.SerializationFailedException} and nothing is sent.
 * {@link #sendBytes} sends raw bytes as one message and {@link #recvBytes} receives one message's bytes. As in
 * Python, a message is only bytes: {@code send(obj)} is {@code sendBytes} of the object's encoded form and
 * {@code recv()} decodes whatever message comes (through the allow-list), so a peer that relays messages with
 * {@code recvBytes}/{@code sendBytes} passes objects on intact; {@code recv()} of bytes that are not an encoded
 * object throws {@link io.github.multiprocessing4j.exception.ProcessException} (Python: {@code UnpicklingError}).
 * Messages have no size limit: one larger than the connection's buffer is streamed through it in pieces.
 *
 * <h2>Blocking</h2>
 * {@code recv} waits for a message, {@code send} for room (the other side reads too slowly); {@link #poll} waits
 * at most its timeout. Several threads or processes may use the same end: each message still goes whole to
 * exactly one reader.
 *
 * <h2>When the other side goes</h2>
 * Once the other end is closed, or every process holding it died, {@code recv} on an empty connection and a
 * blocked {@code send} throw {@link PeerGoneException} (Python: {@code EOFError}, {@code BrokenPipeError}).
 * That is the only time a wait is cut short: then nobody, in this process or another, can send on the other end
 * any more. While a process holds the other end (this one included), a reader waits, as in Python; to notice a
 * writer that died while someone else keeps its end open, wait on its process too with
 * {@link #wait(Collection, Duration)}. A process killed mid-send never delivers half a message (nor a part of a
 * streamed one).
 *
 * <h2>Pipe connections</h2>
 * A {@link Pipe}'s ends are two rings in one shared-memory file; {@code sendBytes} copies raw bytes once into
 * shared memory and {@code recvBytes} once out, and so does {@code send} of a {@code byte[]} (after its 5-byte
 * codec head) and {@code recv} of one. A waiting thread stays on the CPU (30 to 100 µs: as long as recent answers
 * took, twice over), then parks with a backoff of at most 1 ms. A pipe end crosses to another process as the
 * pipe's name and its end: handed to a child, it is the same end there. The other end counts as gone once every
 * process holding it has closed it or died (and no handle of it is on its way to a process that is starting), seen
 * within about 10 ms. As in Python, a process that keeps a handle on the other end open (say, the parent after
 * passing it to a child) keeps it alive: close the ends a process does not use. The shared-memory file is removed
 * when the last handle on either end is closed, or when the creating process exits.
 *
 * <h2>Lifetime</h2>
 * Using a closed connection throws {@link IllegalStateException}; closing twice does nothing.
 */
public abstract class Connection implements Serializable, AutoCloseable {
    private static final long serialVersionUID = 1L;

    /** Only this package makes connections. */
    Connection() {
    }

    /**
     * Sends an object (Python: {@code send(obj)}).
     *
     * @param message the object; serializable (or null)
     * @throws InterruptedException if interrupted while waiting for room
     * @throws IllegalStateException on a receive-only end, or after close
     * @throws PeerGoneException when the other end is gone while waiting for room
     */
    public abstract void send(Object message) throws InterruptedException;

    /**
     * Sends raw bytes (Python: {@code send_bytes(buf)}).
     *
     * @param bytes the message
     * @throws InterruptedException if interrupted while waiting for room
     * @throws PeerGoneException when the other end is gone while waiting for room
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
     * @throws PeerGoneException when the other end is gone while waiting for room
     */
    public abstract void sendBytes(byte[] bytes, int offset, int size) throws InterruptedException;

    /**
     * Receives the next object (Python: {@code recv()}).
     *
     * @return the object
     * @throws InterruptedException if interrupted while waiting
     * @throws PeerGoneException when nothing is left to read and the other end is gone
     * @throws io.github.multiprocessing4j.exception.ProcessException when the message is not an encoded object, or
     *     names a class the allow-list refuses (the message is consumed; the connection stays usable)
     */
    public abstract Object recv() throws InterruptedException;

    /**
     * Receives the next message as bytes (Python: {@code recv_bytes()}); for a message sent with {@link #send},
     * these are its serialized form.
     *
     * @return the bytes
     * @throws InterruptedException if interrupted while waiting
     * @throws PeerGoneException when nothing is left to read and the other end is gone
     */
    public abstract byte[] recvBytes() throws InterruptedException;

    /**
     * Receives the next message as bytes if it is at most {@code maxLength} long (Python:
     * {@code recv_bytes(maxlength)}). Differs from Python: a longer message is taken off the connection and
     * handed over in the exception, and the connection stays usable.
     *
     * @param maxLength the longest message accepted
     * @return the bytes
     * @throws BufferTooShortException when the message is longer; it carries the whole message
     * @throws InterruptedException if interrupted while waiting
     * @throws PeerGoneException when nothing is left to read and the other end is gone
     */
    public byte[] recvBytes(int maxLength) throws InterruptedException {
        byte[] message = recvBytes();
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
     * @throws PeerGoneException when nothing is left to read and the other end is gone
     */
    public int recvBytesInto(byte[] buffer, int offset) throws InterruptedException {
        if (offset < 0 || offset > buffer.length) {
            throw new IndexOutOfBoundsException("offset out of range: offset=" + offset + ", length="
                    + buffer.length);
        }
        byte[] message = recvBytes();
        if (message.length > buffer.length - offset) {
            throw new BufferTooShortException("buffer too short for the message: size=" + message.length
                    + ", room=" + (buffer.length - offset) + ", connection=" + this, message);
        }
        System.arraycopy(message, 0, buffer, offset, message.length);
        return message.length;
    }

    /**
     * Whether a message can be read now, or after waiting at most {@code timeout} (Python: {@code poll(timeout)}).
     * Also true when the other end is gone, so that {@code recv} would throw at once, as Python's poll is true at
     * end of file.
     *
     * @param timeout how long to wait; {@link Duration#ZERO} to look without waiting; null for ever
     * @return whether {@code recv} would not block
     * @throws InterruptedException if interrupted while waiting
     */
    public abstract boolean poll(Duration timeout) throws InterruptedException;

    /**
     * Waits until at least one of {@code connections} can be read (or has a gone peer), at most {@code timeout}
     * (Python: {@code multiprocessing.connection.wait}). The form of {@link #wait(Collection, Duration)} for
     * connections only.
     *
     * @param connections the connections to watch; receive-capable ends
     * @param timeout how long to wait, or null for ever
     * @return the ready connections, in the order given; empty when the timeout passed
     * @throws InterruptedException if interrupted while waiting
     */
    public static List<Connection> wait(List<Connection> connections, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(connections, "connections");
        List<Connection> ready = new ArrayList<>();
        for (Object o : wait((Collection<?>) connections, timeout)) {
            ready.add((Connection) o);
        }
        return ready;
    }

    /**
     * Waits until at least one of {@code objects} is ready, at most {@code timeout} (Python:
     * {@code multiprocessing.connection.wait(object_list, timeout)}). Accepted, as in Python:
     * <ul>
     *   <li>a {@link Connection} (a receive-capable end), ready when a message can be read or when its other end is
     *       gone, so that {@code recv} would not block (it then throws {@link PeerGoneException});</li>
     *   <li>a started {@link io.github.multiprocessing4j.Process} (Python: its {@code sentinel}), ready once the
     *       child has ended;</li>
     *   <li>a {@link Listener} (Python: its listening socket), ready when a client has connected, so that
     *       {@link Listener#accept()} would not wait for one (it still runs the authentication handshake).</li>
     * </ul>
     * Waiting on a connection and on the process that writes to it is how a reader notices a writer that died
     * while another process still holds the writing end.
     *
     * @param objects the objects to watch; each at most once is enough (a duplicate is reported as often as given)
     * @param timeout how long to wait, or null for ever
     * @return the ready objects, in the order given; empty when the timeout passed
     * @throws IllegalArgumentException naming the class of an object that cannot be waited on
     * @throws IllegalStateException for a closed or send-only connection, a closed listener, or a process that was
     *     not started
     * @throws InterruptedException if interrupted while waiting
     */
    public static List<Object> wait(Collection<?> objects, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(objects, "objects");
        List<Object> given = new ArrayList<>(objects);
        // cheap looks (a message waiting, a process ended) run on every pause; a gone peer, which reads the holder
        // tables, about every 10 ms, as the rings look
        List<BooleanSupplier> cheap = new ArrayList<>(given.size());
        List<BooleanSupplier> slow = new ArrayList<>(given.size());
        for (Object o : given) {
            if (o instanceof Connection) {
                Connection c = (Connection) o;
                c.hasMessage(); // a closed or send-only end fails here, at the call
                cheap.add(c::hasMessage);
                slow.add(c::peerGone);
            } else if (o instanceof io.github.multiprocessing4j.Process) {
                CompletableFuture<?> ended = ((io.github.multiprocessing4j.Process) o).onExit();
                cheap.add(ended::isDone);
                slow.add(() -> false);
            } else if (o instanceof Listener) {
                Listener l = (Listener) o;
                l.hasPending(); // a closed listener fails here, at the call
                cheap.add(l::hasPending);
                slow.add(() -> false);
            } else {
                throw new IllegalArgumentException("cannot wait on this object: class="
                        + (o == null ? "null" : o.getClass().getName())
                        + "; Connection.wait takes connections, listeners and started processes");
            }
        }
        Waiter.Outcome outcome = Waiter.upTo(timeout).await(
                () -> cheap.stream().anyMatch(BooleanSupplier::getAsBoolean),
                () -> slow.stream().anyMatch(BooleanSupplier::getAsBoolean));
        List<Object> ready = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            if (cheap.get(i).getAsBoolean() || (outcome == Waiter.Outcome.STOPPED && slow.get(i).getAsBoolean())) {
                ready.add(given.get(i));
            }
        }
        return ready;
    }

    /**
     * Whether this end can receive.
     *
     * @return Python's {@code readable}
     */
    public abstract boolean isReadable();

    /**
     * Whether this end can send.
     *
     * @return Python's {@code writable}
     */
    public abstract boolean isWritable();

    /**
     * Whether this handle is closed.
     *
     * @return Python's {@code closed}
     */
    public abstract boolean isClosed();

    /**
     * Closes this handle on the end. When no process holds this end any more, the other end's {@code recv}
     * throws {@link PeerGoneException} once it has read what was sent. Closing twice does nothing.
     */
    @Override
    public abstract void close();

    /**
     * Whether a message is waiting to be read now, without blocking; throws as {@code recv} would on a closed or
     * send-only end.
     *
     * @return whether {@code recv} would return at once
     */
    abstract boolean hasMessage();

    /**
     * Whether the other end is gone for good (nobody can send on it any more).
     *
     * @return whether it is gone
     */
    abstract boolean peerGone();
}

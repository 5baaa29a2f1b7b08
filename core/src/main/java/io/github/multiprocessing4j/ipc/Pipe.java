package io.github.multiprocessing4j.ipc;

import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.internal.shm.PeerTable;
import io.github.multiprocessing4j.internal.ipc.Ring;
import io.github.multiprocessing4j.internal.shm.Segment;

/**
 * A pair of connected {@link Connection}s (Python: {@code conn1, conn2 = multiprocessing.Pipe(duplex)}).
 *
 * <pre>{@code
 * try (Pipe pipe = Pipe.open()) {
 *     new Process(Child::run, pipe.conn2()).start();   // the child uses the other end
 *     pipe.conn1().send("ping");
 *     Object answer = pipe.conn1().recv();
 * }
 * }</pre>
 *
 * <p>Duplex pipes carry messages both ways; in a one-way pipe ({@code open(false)}) {@link #conn1()} only
 * receives and {@link #conn2()} only sends, as in Python. Each direction is a ring in shared memory of 8 MiB by
 * default; a larger message is streamed through it in pieces (a quarter of the ring each), so messages have no
 * size limit, as in Python. See {@link Connection} for what crosses the process
 * boundary, blocking, dead peers and lifetime. Thread-safe.
 */
public final class Pipe implements AutoCloseable {
    /** The largest ring of one direction: 1 GiB. */
    static final int MAX_CAPACITY = 1 << 30;
    static {
        JvmRuntime.get(); // its exit sequence releases the shared memory this JVM holds
    }

    /** The default byte capacity of each direction: 8 MiB. */
    public static final int DEFAULT_CAPACITY = 8 << 20;

    private final Connection conn1;
    private final Connection conn2;

    private Pipe(Connection conn1, Connection conn2) {
        this.conn1 = conn1;
        this.conn2 = conn2;
    }

    /**
     * Opens a duplex pipe (Python: {@code Pipe()}).
     *
     * @return the pipe
     * @throws java.io.UncheckedIOException when the shared-memory directory ({@code /dev/shm}) cannot supply the
     *     memory (full or too small); the message names the directory and the size in bytes
     */
    public static Pipe open() {
        return open(true, DEFAULT_CAPACITY);
    }

    /**
     * Opens a pipe (Python: {@code Pipe(duplex)}).
     *
     * @param duplex whether both ends send and receive
     * @return the pipe
     * @throws java.io.UncheckedIOException when the shared-memory directory ({@code /dev/shm}) cannot supply the
     *     memory (full or too small); the message names the directory and the size in bytes
     */
    public static Pipe open(boolean duplex) {
        return open(duplex, DEFAULT_CAPACITY);
    }

    /**
     * Opens a pipe whose directions each hold {@code capacityBytes} bytes of messages; a larger message is
     * streamed through it.
     *
     * @param duplex whether both ends send and receive
     * @param capacityBytes the ring size of each direction, at least 64, rounded up to a multiple of 64
     * @return the pipe
     * @throws java.io.UncheckedIOException when the shared-memory directory ({@code /dev/shm}) cannot supply the
     *     memory (full or too small); the message names the directory and the size in bytes
     */
    public static Pipe open(boolean duplex, int capacityBytes) {
        if (capacityBytes < 64) {
            throw new IllegalArgumentException("pipe capacity too small: capacityBytes=" + capacityBytes
                    + ", min=64");
        }
        if (capacityBytes > MAX_CAPACITY) {
            throw new IllegalArgumentException("pipe capacity too large: capacityBytes=" + capacityBytes
                    + ", max=" + MAX_CAPACITY);
        }
        int capacity = Ring.roundCapacity(capacityBytes);
        Segment segment = Segment.create("pipe-", Segment.KIND_PIPE, PipeLayout.VERSION,
                PipeLayout.bodySize(duplex, capacity), b -> {
                    PeerTable.init(b, PipeLayout.PEERS_1);
                    PeerTable.init(b, PipeLayout.PEERS_2);
                    b.putInt(PipeLayout.DUPLEX, duplex ? 1 : 0);
                    b.putInt(PipeLayout.VERSION_OFFSET, PipeLayout.VERSION);
                    b.putInt(PipeLayout.CAPACITY, capacity);
                    Ring.init(b, PipeLayout.RING_A, capacity, 0);
                    if (duplex) {
                        Ring.init(b, PipeLayout.ringB(capacity), capacity, 0);
                    }
                });
        segment.retain();
        return new Pipe(PipeConnection.create(segment, 1), PipeConnection.create(segment, 2));
    }

    /**
     * The first end (Python's {@code conn1}); receive-only in a one-way pipe.
     *
     * @return the connection
     */
    public Connection conn1() {
        return conn1;
    }

    /**
     * The second end (Python's {@code conn2}); send-only in a one-way pipe.
     *
     * @return the connection
     */
    public Connection conn2() {
        return conn2;
    }

    /** Closes both ends in this process (ends already closed are skipped). */
    @Override
    public void close() {
        conn1.close();
        conn2.close();
    }
}

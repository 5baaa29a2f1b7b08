package io.github.multiprocessing4j.ipc;

import io.github.multiprocessing4j.exception.PeerGoneException;
import io.github.multiprocessing4j.internal.ipc.Ring;
import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.HandleProxy;
import io.github.multiprocessing4j.internal.shm.PeerTable;
import io.github.multiprocessing4j.internal.shm.Segment;
import io.github.multiprocessing4j.internal.shm.Waiter;
import java.time.Duration;

/**
 * One end of a {@link Pipe}: two rings in one shared-memory file. What this end promises is {@link Connection}'s
 * contract; the pipe specifics are there under "Pipe connections".
 */
final class PipeConnection extends Connection {
    private static final long serialVersionUID = 1L;

    private final transient Attachment attachment;
    private final transient int end;
    private final transient Ring in;
    private final transient Ring out;
    private final transient PeerTable theirs;
    /** The pipe's file name and this end, e.g. {@code mp4j-42-pipe-ab12#1}; built once, not per message. */
    private final transient String label;
    private final transient String sendWhat;

    private PipeConnection(Segment segment, int end, boolean deserialized) {
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
        Ring b = duplex ? new Ring(body, PipeLayout.ringB(body.getInt(PipeLayout.CAPACITY)), ends1::isDead,
                ends2::isDead) : null;
        this.in = end == 1 ? a : duplex ? b : null;
        this.out = end == 1 ? b : a;
        segment.setUnusedCheck(() -> mine.nobodyLeft() && theirs.nobodyLeft());
        this.attachment = Attachment.listed(segment, mine, deserialized, "connection");
    }

    static PipeConnection create(Segment segment, int end) {
        return new PipeConnection(segment, end, false);
    }

    static PipeConnection attach(Segment segment, int end) {
        return new PipeConnection(segment, end, true);
    }

    @Override
    public void send(Object message) throws InterruptedException {
        Messages.write(writable(), message, sendWhat, Waiter.forever(), this::checkPeer);
    }

    @Override
    public void sendBytes(byte[] bytes, int offset, int size) throws InterruptedException {
        java.util.Objects.checkFromIndexSize(offset, size, bytes.length);
        writable().write(bytes, offset, size, Waiter.forever(), this::checkPeer);
    }

    @Override
    public Object recv() throws InterruptedException {
        return Messages.read(readable(), label, Waiter.forever(), this::checkPeer);
    }

    @Override
    public byte[] recvBytes() throws InterruptedException {
        return readable().read(Waiter.forever(), this::checkPeer);
    }

    @Override
    public boolean poll(Duration timeout) throws InterruptedException {
        Ring ring = readable();
        Waiter.Outcome outcome = Waiter.upTo(timeout).await(ring::hasData, theirs::nobodyLeft);
        return outcome != Waiter.Outcome.TIMED_OUT || theirs.nobodyLeft();
    }

    @Override
    boolean hasMessage() {
        return readable().hasData();
    }

    @Override
    boolean peerGone() {
        return theirs.nobodyLeft();
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

    @Override
    public boolean isReadable() {
        return in != null;
    }

    @Override
    public boolean isWritable() {
        return out != null;
    }

    @Override
    public boolean isClosed() {
        return attachment.isClosed();
    }

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

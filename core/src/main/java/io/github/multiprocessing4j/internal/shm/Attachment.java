package io.github.multiprocessing4j.internal.shm;

/**
 * One handle's hold on a {@link Segment}: closing it drops the reference once and, in the process that created
 * the segment, unlinks the file. Public IPC objects keep one and check it before each use.
 */
public final class Attachment {
    private final Segment segment;
    private final String what;
    private final boolean unlinkOnClose;
    private volatile boolean closed;

    public Attachment(Segment segment, String what, boolean unlinkOnClose) {
        this.segment = segment;
        this.what = what;
        this.unlinkOnClose = unlinkOnClose;
    }

    /** A new handle on a segment: attaches (or shares this JVM's mapping). */
    public static Attachment attach(String fileName, int kind, int kindVersion, String what) {
        return new Attachment(Segment.attach(fileName, kind, kindVersion), what, false);
    }

    public Segment segment() {
        return segment;
    }

    /**
     * The segment, checked open.
     *
     * @throws IllegalStateException after close
     */
    public Segment open() {
        if (closed) {
            throw new IllegalStateException(what + " is closed: name=" + segment.fileName());
        }
        return segment;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Closes once: drops the reference and, for the creator's handle, unlinks the file. */
    public synchronized boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        if (unlinkOnClose && segment.isOwner()) {
            segment.unlink();
        }
        segment.release();
        return true;
    }

    @Override
    public String toString() {
        return what + " " + segment.fileName();
    }
}

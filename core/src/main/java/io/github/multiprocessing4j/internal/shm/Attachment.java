package io.github.multiprocessing4j.internal.shm;

/**
 * One handle's hold on a {@link Segment}.
 *
 * <p>A tracked handle is listed in the segment's {@link PeerTable holders table} (in the header): it registers
 * when created or attached, reserves a slot when serialized to another process, and unregisters when closed;
 * the handle that finds nobody left after closing removes the file (any process may: nobody else holds it, and
 * no handle is on its way). When a JVM exits normally, a shutdown hook frees its slots, so the exit of the last
 * holder removes the file too. An untracked handle (a view on another object's segment, a SharedMemory, a queue or
 * pipe with holder tables of its own) never unlinks on close.
 */
public final class Attachment {
    private final Segment segment;
    private final String what;
    private final boolean tracked;
    private volatile boolean closed;

    private Attachment(Segment segment, String what, boolean tracked) {
        this.segment = segment;
        this.what = what;
        this.tracked = tracked;
    }

    /** A creator's tracked handle ({@link #created}) or an untracked one ({@link #untracked}). */
    public static Attachment of(Segment segment, String what, boolean tracked) {
        return tracked ? created(segment, what) : untracked(segment, what);
    }

    /** A handle that is not listed among the holders. */
    public static Attachment untracked(Segment segment, String what) {
        return new Attachment(segment, what, false);
    }

    /** The creator's handle on a segment it just made. */
    public static Attachment created(Segment segment, String what) {
        segment.holders().hold(false);
        return new Attachment(segment, what, true);
    }

    /** A new tracked handle on an existing segment: attaches (or shares this JVM's mapping), claims a slot. */
    public static Attachment attach(String fileName, int kind, int kindVersion, String what) {
        Segment segment = Segment.attach(fileName, kind, kindVersion);
        segment.holders().hold(true);
        return new Attachment(segment, what, true);
    }

    /** A new untracked handle on an existing segment. */
    public static Attachment attachUntracked(String fileName, int kind, int kindVersion, String what) {
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

    /** Reserves a holder slot for a copy of this handle that is being serialized to another process. */
    public void reserve() {
        open();
        if (tracked) {
            segment.holders().reserve();
        }
    }

    /** Whether other processes held this segment and all of them are gone (see {@link PeerTable#othersGone()}). */
    public boolean othersGone() {
        return tracked && segment.holders().othersGone();
    }

    /** Closes once: unregisters, drops the reference, and removes the file when nobody holds it any more. */
    public synchronized boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        segment.release();
        if (tracked) {
            segment.holders().drop();
        }
        return true;
    }

    @Override
    public String toString() {
        return what + " " + segment.fileName();
    }
}

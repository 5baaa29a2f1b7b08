package io.github.multiprocessing4j.internal.shm;

/**
 * One handle's hold on a {@link Segment}.
 *
 * <p>A tracked handle is listed in a {@link PeerTable holder table}: the segment header's, or one of the body's (a
 * queue's, a pipe end's). It registers when created or attached, reserves a slot when serialized to another
 * process ({@link HandleProxy}), and unregisters when closed; the handle that finds nobody left after closing
 * removes the file (any process may: nobody else holds it, and no handle is on its way). When a JVM exits
 * normally, {@link ShmRegistry#releaseAtExit()} frees its slots, so the exit of the last holder removes the file
 * too. An untracked handle (a view on another object's segment, a SharedMemory) never unlinks on close.
 */
public final class Attachment {
    private final Segment segment;
    private final String what;
    /** Where this handle is listed, or null for an untracked handle. */
    private final PeerTable table;
    private volatile boolean closed;

    private Attachment(Segment segment, String what, PeerTable table) {
        this.segment = segment;
        this.what = what;
        this.table = table;
    }

    /** A creator's tracked handle ({@link #created}) or an untracked one ({@link #untracked}). */
    public static Attachment of(Segment segment, String what, boolean tracked) {
        return tracked ? created(segment, what) : untracked(segment, what);
    }

    /** A handle that is not listed among the holders. */
    public static Attachment untracked(Segment segment, String what) {
        return new Attachment(segment, what, null);
    }

    /** The creator's handle on a segment it just made, listed in the header's table. */
    public static Attachment created(Segment segment, String what) {
        return listed(segment, segment.holders(), false, what);
    }

    /**
     * A handle listed in {@code table} (a table in the segment's body, or its header's).
     *
     * @param deserialized whether the handle was deserialized (it claims the slot its sender reserved)
     */
    public static Attachment listed(Segment segment, PeerTable table, boolean deserialized, String what) {
        table.hold(deserialized);
        return new Attachment(segment, what, table);
    }

    /** A new tracked handle on an existing segment: attaches (or shares this JVM's mapping), claims a slot. */
    public static Attachment attach(String fileName, int kind, int kindVersion, String what) {
        Segment segment = Segment.attach(fileName, kind, kindVersion);
        return listed(segment, segment.holders(), true, what);
    }

    /** A new untracked handle on an existing segment. */
    public static Attachment attachUntracked(String fileName, int kind, int kindVersion, String what) {
        return new Attachment(Segment.attach(fileName, kind, kindVersion), what, null);
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
        if (table != null) {
            table.reserve();
        }
    }

    /** Whether other processes held this segment and all of them are gone (see {@link PeerTable#othersGone()}). */
    public boolean othersGone() {
        return table != null && table.othersGone();
    }

    /** Closes once: unregisters, drops the reference, and removes the file when nobody holds it any more. */
    public synchronized boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        segment.release();
        if (table != null) {
            table.drop();
        }
        return true;
    }

    @Override
    public String toString() {
        return what + " " + segment.fileName();
    }
}

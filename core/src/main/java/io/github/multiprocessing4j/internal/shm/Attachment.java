package io.github.multiprocessing4j.internal.shm;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One handle's hold on a {@link Segment}.
 *
 * <p>A tracked handle is listed in the segment's {@link PeerTable holders table} (in the header): it registers
 * when created or attached, reserves a slot when serialized to another process, and unregisters when closed;
 * the handle that finds nobody left after closing removes the file (any process may: nobody else holds it, and
 * no handle is on its way). When a JVM exits normally, a shutdown hook closes its open tracked handles, so the
 * exit of the last holder removes the file too. An untracked handle (a view on another object's segment, a SharedMemory, a queue or
 * pipe with holder tables of its own) never unlinks on close.
 */
public final class Attachment {
    /** The open tracked handles of this JVM, closed by a shutdown hook so that a child's exit counts as a close. */
    private static final Set<Attachment> OPEN = ConcurrentHashMap.newKeySet();
    /** Other handles (queues, pipe ends) that keep holder tables of their own, closed by the same hook. */
    private static final Set<AutoCloseable> OTHERS = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Attachment::closeAll, "mp4j-shm-detach"));
    }

    private final Segment segment;
    private final String what;
    private final boolean tracked;
    private volatile boolean closed;

    private Attachment(Segment segment, String what, boolean tracked) {
        this.segment = segment;
        this.what = what;
        this.tracked = tracked;
        if (tracked) {
            OPEN.add(this);
        }
    }

    private static void closeAll() {
        for (Attachment a : OPEN) {
            a.close();
        }
        for (AutoCloseable c : OTHERS) {
            try {
                c.close();
            } catch (Exception e) {
                // the JVM is ending; the holder's death is noticed instead
            }
        }
    }

    /** Closes {@code handle} when this JVM exits normally, unless {@link #forgetOnExit} was called first. */
    public static void closeOnExit(AutoCloseable handle) {
        OTHERS.add(handle);
    }

    /** Forgets a handle given to {@link #closeOnExit}. */
    public static void forgetOnExit(AutoCloseable handle) {
        OTHERS.remove(handle);
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
        segment.holders().register();
        return new Attachment(segment, what, true);
    }

    /** A new tracked handle on an existing segment: attaches (or shares this JVM's mapping), claims a slot. */
    public static Attachment attach(String fileName, int kind, int kindVersion, String what) {
        Segment segment = Segment.attach(fileName, kind, kindVersion);
        segment.holders().claim();
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
        OPEN.remove(this);
        boolean last = false;
        if (tracked) {
            segment.holders().unregister();
            last = segment.holders().nobodyLeft();
        }
        segment.release();
        if (last) {
            segment.unlink();
        }
        return true;
    }

    @Override
    public String toString() {
        return what + " " + segment.fileName();
    }
}

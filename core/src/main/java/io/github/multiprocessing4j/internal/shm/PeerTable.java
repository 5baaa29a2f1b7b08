package io.github.multiprocessing4j.internal.shm;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which processes hold a queue or one end of a pipe, so that a blocked reader or writer can tell that nobody is
 * left on the other side.
 *
 * <pre>
 *   0    slot 0 (long) | slot 1 | ... | slot 31        (256 bytes)
 *   256  overflow (int): more holders than slots; deaths are then never reported
 *   260  version (int) | 264 shared (int): a handle was ever serialized to or attached by another process
 *   268  reserved to 320
 * </pre>
 *
 * A slot is 0 (free), a pid (a process holds a handle), or minus an expiry time in epoch milliseconds: a handle
 * that was serialized (say, as an argument of a child that is starting) and is not attached yet. A reservation
 * counts as alive until it is claimed by the process that deserializes the handle or until it expires (30 s).
 *
 * <p>A process takes one slot however many handles it holds ({@link #hold}/{@link #drop} count them in the JVM), so
 * a pool worker that deserializes the same queue for every task does not fill the table. When a JVM exits
 * normally, a shutdown hook frees its slots and removes the files nobody holds any more.
 */
public final class PeerTable {
    public static final int LENGTH = 320;
    static final int SLOTS = 32;
    static final int OVERFLOW = 256;
    static final int VERSION_OFFSET = 260;
    static final int SHARED = 264;
    static final int VERSION = 1;
    static final long RESERVATION_MILLIS = 30_000;

    /** This JVM's holds, per table: how many handles, and the table. Guarded by itself. */
    private static final Map<PeerTable, int[]> LOCAL = new HashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(PeerTable::dropAllAtExit, "mp4j-shm-detach"));
    }

    private final ByteBuffer buffer;
    private final int base;
    private final Segment owner;

    /**
     * A view of the table at {@code base} of {@code buffer}, which belongs to {@code owner}'s mapping (its body,
     * or its whole file for the header's table).
     */
    public PeerTable(ByteBuffer buffer, int base, Segment owner) {
        this.buffer = buffer;
        this.base = base;
        this.owner = owner;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerTable && ((PeerTable) o).buffer == buffer && ((PeerTable) o).base == base;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(buffer) * 31 + base;
    }

    /**
     * Counts a new handle of this JVM: the first one takes a slot (claiming the reservation of a handle that was
     * deserialized); a later deserialized one frees the reservation its sender made.
     */
    public void hold(boolean deserialized) {
        synchronized (LOCAL) {
            int[] count = LOCAL.computeIfAbsent(this, t -> new int[1]);
            if (count[0]++ == 0) {
                if (deserialized) {
                    claim();
                } else {
                    register();
                }
            } else if (deserialized) {
                dropReservation();
            }
        }
    }

    /**
     * Forgets a handle of this JVM; the last one frees the slot and, when the segment is then unused, removes its
     * file.
     */
    public void drop() {
        synchronized (LOCAL) {
            int[] count = LOCAL.get(this);
            if (count == null || --count[0] > 0) {
                return;
            }
            LOCAL.remove(this);
            unregister();
        }
        if (owner.isUnused()) {
            owner.unlink();
        }
    }

    private static void dropAllAtExit() {
        Set<Segment> touched = new HashSet<>();
        synchronized (LOCAL) {
            for (PeerTable t : LOCAL.keySet()) {
                t.unregister();
                touched.add(t.owner);
            }
            LOCAL.clear();
        }
        for (Segment s : touched) {
            if (s.isUnused()) {
                s.unlink();
            }
        }
    }

    private void dropReservation() {
        Words.setIntVolatile(buffer, base + SHARED, 1);
        long now = System.currentTimeMillis();
        for (int i = 0; i < SLOTS; i++) {
            long v = Words.getLongVolatile(buffer, slot(i));
            if (v < 0 && -v > now && Words.casLong(buffer, slot(i), v, 0)) {
                return;
            }
        }
    }

    public static void init(ByteBuffer buffer, int base) {
        buffer.putInt(base + VERSION_OFFSET, VERSION);
    }

    private int slot(int i) {
        return base + i * 8;
    }

    /** Records that this process holds a handle (without counting; see {@link #hold}). */
    void register() {
        put(ShmFiles.selfPid());
    }

    /** Records a handle of this process that was deserialized: claims a reservation if there is one. */
    void claim() {
        Words.setIntVolatile(buffer, base + SHARED, 1);
        long pid = ShmFiles.selfPid();
        long now = System.currentTimeMillis();
        for (int i = 0; i < SLOTS; i++) {
            long v = Words.getLongVolatile(buffer, slot(i));
            if (v < 0 && -v > now && Words.casLong(buffer, slot(i), v, pid)) {
                return;
            }
        }
        put(pid);
    }

    /** Reserves a slot for a handle that is being serialized to another process. */
    public void reserve() {
        Words.setIntVolatile(buffer, base + SHARED, 1);
        put(-(System.currentTimeMillis() + RESERVATION_MILLIS));
    }

    private void put(long value) {
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < SLOTS; i++) {
                long v = Words.getLongVolatile(buffer, slot(i));
                boolean reusable = v == 0 || (pass == 1 && !isLive(v, System.currentTimeMillis()));
                if (reusable && Words.casLong(buffer, slot(i), v, value)) {
                    return;
                }
            }
        }
        Words.setIntVolatile(buffer, base + OVERFLOW, 1);
    }

    /** Frees one slot of this process. */
    void unregister() {
        long pid = ShmFiles.selfPid();
        for (int i = 0; i < SLOTS; i++) {
            if (Words.getLongVolatile(buffer, slot(i)) == pid && Words.casLong(buffer, slot(i), pid, 0)) {
                return;
            }
        }
    }

    private static boolean isLive(long slotValue, long now) {
        if (slotValue > 0) {
            return ShmFiles.isAlive(slotValue);
        }
        return slotValue < 0 && -slotValue > now;
    }

    /** Whether no process at all (this one included) holds a handle, and none is on its way. */
    public boolean nobodyLeft() {
        if (Words.getIntVolatile(buffer, base + OVERFLOW) != 0) {
            return false;
        }
        long now = System.currentTimeMillis();
        for (int i = 0; i < SLOTS; i++) {
            if (isLive(Words.getLongVolatile(buffer, slot(i)), now)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a handle was ever shared with another process and no other process holds one now (none on its
     * way). False when the object was never shared: threads of this process may still be the other side.
     */
    public boolean othersGone() {
        if (Words.getIntVolatile(buffer, base + OVERFLOW) != 0) {
            return false;
        }
        if (Words.getIntVolatile(buffer, base + SHARED) == 0) {
            return false;
        }
        long self = ShmFiles.selfPid();
        long now = System.currentTimeMillis();
        for (int i = 0; i < SLOTS; i++) {
            long v = Words.getLongVolatile(buffer, slot(i));
            if (v != 0 && v != self && isLive(v, now)) {
                return false;
            }
        }
        return true;
    }
}

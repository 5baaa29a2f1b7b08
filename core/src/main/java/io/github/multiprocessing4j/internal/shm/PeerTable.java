package io.github.multiprocessing4j.internal.shm;

import io.github.multiprocessing4j.internal.watch.Liveness;
import java.nio.ByteBuffer;

/**
 * Which processes hold a segment (its header's table), a queue or one end of a pipe (tables in their bodies), so
 * that a blocked reader or writer can tell that nobody is left on the other side, and the last holder can remove
 * the file.
 *
 * <pre>
 *   0     slot 0: pid or reservation (long) | start time (long) ... slot 31        (32 x 16 = 512 bytes)
 *   512   overflow (int): more holders than slots; deaths are then never reported
 *   516   version (int)
 *   520   shared (int): a handle was ever serialized to or attached by another process
 *   524   reserved to 576
 * </pre>
 *
 * A slot's first word is 0 (free), a pid (a process holds a handle), or minus an expiry time in epoch
 * milliseconds: a handle that was serialized (say, as an argument of a child that is starting) and is not attached
 * yet. A reservation counts as alive until it is claimed by the process that deserializes the handle or until it
 * expires (30 s). The second word is the holder's {@link Liveness} start time, so a holder whose pid was reused
 * counts as dead; 0 means unknown (only the pid is checked). Whoever changes a slot's first word zeroes its start
 * first and writes the new start after, so a start never belongs to another process than the pid beside it: at
 * worst it is unknown for a moment.
 *
 * <p>A process takes one slot however many handles it holds ({@link ShmRegistry} counts them), so a pool worker
 * that deserializes the same queue for every task does not fill the table.
 */
public final class PeerTable {
    public static final int LENGTH = 576;
    static final int SLOTS = 32;
    static final int SLOT_SIZE = 16;
    static final int OVERFLOW = 512;
    static final int VERSION_OFFSET = 516;
    static final int SHARED = 520;
    static final int VERSION = 2;
    static final long RESERVATION_MILLIS = 30_000;

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

    Segment segment() {
        return owner;
    }

    public static void init(ByteBuffer buffer, int base) {
        buffer.putInt(base + VERSION_OFFSET, VERSION);
    }

    /** Counts a new handle of this JVM (see {@link ShmRegistry#hold}). */
    public void hold(boolean deserialized) {
        ShmRegistry.hold(this, deserialized);
    }

    /**
     * Forgets a handle of this JVM; the last one frees the slot and, when the segment is then unused, removes its
     * file.
     */
    public void drop() {
        if (ShmRegistry.drop(this) && owner.isUnused()) {
            owner.unlink();
        }
    }

    private int slot(int i) {
        return base + i * SLOT_SIZE;
    }

    private int start(int i) {
        return slot(i) + 8;
    }

    /** Records that this process holds a handle (without counting; see {@link #hold}). */
    void register() {
        put(Liveness.selfPid(), Liveness.selfStartTime());
    }

    /** Records a handle of this process that was deserialized: claims a reservation if there is one. */
    void claim() {
        Words.setIntVolatile(buffer, base + SHARED, 1);
        long pid = Liveness.selfPid();
        long now = System.currentTimeMillis();
        for (int i = 0; i < SLOTS; i++) {
            long v = Words.getLongVolatile(buffer, slot(i));
            if (v < 0 && -v > now && take(i, v, pid, Liveness.selfStartTime())) {
                return;
            }
        }
        register();
    }

    /** Frees the reservation a sender made for a handle this JVM already holds. */
    void dropReservation() {
        Words.setIntVolatile(buffer, base + SHARED, 1);
        long now = System.currentTimeMillis();
        for (int i = 0; i < SLOTS; i++) {
            long v = Words.getLongVolatile(buffer, slot(i));
            if (v < 0 && -v > now && Words.casLong(buffer, slot(i), v, 0)) {
                return;
            }
        }
    }

    /** Reserves a slot for a handle that is being serialized to another process. */
    public void reserve() {
        Words.setIntVolatile(buffer, base + SHARED, 1);
        put(-(System.currentTimeMillis() + RESERVATION_MILLIS), 0);
    }

    private void put(long value, long startTime) {
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < SLOTS; i++) {
                long v = Words.getLongVolatile(buffer, slot(i));
                boolean reusable = v == 0 || (pass == 1 && !isLive(i, v, System.currentTimeMillis()));
                if (reusable && take(i, v, value, startTime)) {
                    return;
                }
            }
        }
        Words.setIntVolatile(buffer, base + OVERFLOW, 1);
    }

    /** Replaces slot i's {@code expected} first word; the start is zeroed before and written after. */
    private boolean take(int i, long expected, long value, long startTime) {
        Words.setLongVolatile(buffer, start(i), 0);
        if (!Words.casLong(buffer, slot(i), expected, value)) {
            return false;
        }
        Words.setLongVolatile(buffer, start(i), startTime);
        return true;
    }

    /** Frees this process's slot. */
    void unregister() {
        long pid = Liveness.selfPid();
        for (int i = 0; i < SLOTS; i++) {
            long start = Words.getLongVolatile(buffer, start(i));
            // a slot with our pid and another start is a dead process's whose pid we got: not ours to free
            if (Words.getLongVolatile(buffer, slot(i)) == pid && (start == 0 || start == Liveness.selfStartTime())
                    && take(i, pid, 0, 0)) {
                return;
            }
        }
    }

    /**
     * The start recorded beside {@code pid} in slot i, or 0 (unknown) when the slot changed while it was read: the
     * start read may then be another holder's.
     */
    private long startBeside(int i, long pid) {
        long start = Words.getLongVolatile(buffer, start(i));
        return Words.getLongVolatile(buffer, slot(i)) == pid ? start : 0;
    }

    private boolean isLive(int i, long slotValue, long now) {
        if (slotValue > 0) {
            return Liveness.isAlive(slotValue, startBeside(i, slotValue));
        }
        return slotValue < 0 && -slotValue > now;
    }

    /**
     * Whether a process that this table may list is dead: its pid does not run, or every slot that lists the pid
     * records another start time than the process that runs under it now (the pid was reused). A pid the table
     * does not list is judged by the pid alone.
     */
    public boolean isDead(long pid) {
        if (pid == Liveness.selfPid()) {
            return false;
        }
        if (!Liveness.isAlive(pid)) {
            return true;
        }
        boolean listed = false;
        for (int i = 0; i < SLOTS; i++) {
            if (Words.getLongVolatile(buffer, slot(i)) == pid) {
                long start = startBeside(i, pid);
                if (start == 0 || Liveness.isAlive(pid, start)) {
                    return false;
                }
                listed = true;
            }
        }
        return listed;
    }

    /** Whether no process at all (this one included) holds a handle, and none is on its way. */
    public boolean nobodyLeft() {
        return noneLiveBut(0);
    }

    /**
     * Whether a handle was ever shared with another process and no other process holds one now (none on its
     * way). False when the object was never shared: threads of this process may still be the other side.
     */
    public boolean othersGone() {
        return Words.getIntVolatile(buffer, base + SHARED) != 0 && noneLiveBut(Liveness.selfPid());
    }

    private boolean noneLiveBut(long except) {
        if (Words.getIntVolatile(buffer, base + OVERFLOW) != 0) {
            return false;
        }
        long now = System.currentTimeMillis();
        for (int i = 0; i < SLOTS; i++) {
            long v = Words.getLongVolatile(buffer, slot(i));
            if (v != 0 && v != except && isLive(i, v, now)) {
                return false;
            }
        }
        return true;
    }
}

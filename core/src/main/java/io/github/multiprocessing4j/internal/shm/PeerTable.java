package io.github.multiprocessing4j.internal.shm;

import io.github.multiprocessing4j.internal.watch.Liveness;
import java.nio.ByteBuffer;

/**
 * Which processes hold a segment (its header's table), a queue or one end of a pipe (tables in their bodies), so
 * that a blocked reader or writer can tell that nobody is left on the other side, and the last holder can remove
 * the file.
 *
 * <pre>
 *   0     slot 0: pid (long) | start time (long) ... slot 127                (128 x 16 = 2048 bytes)
 *   2048  overflow (int): holders that found no free slot and have not let go yet
 *   2052  version (int)
 *   2056  shared (int): a handle was ever serialized to or attached by another process
 *   2060  reserved (int)
 *   2064  reservations (long): handles serialized and not attached yet
 *   2072  reservations' expiry (long): epoch milliseconds
 *   2080  reserved to 2112
 * </pre>
 *
 * A slot's first word is 0 (free) or the pid of a process that holds a handle; the second word is the holder's
 * {@link Liveness} start time, so a holder whose pid was reused counts as dead; 0 means unknown (only the pid is
 * checked). Whoever changes a slot's first word zeroes its start first and writes the new start after, so a start
 * never belongs to another process than the pid beside it: at worst it is unknown for a moment. A slot of a dead
 * holder is taken over by the next process that needs one.
 *
 * <p>Handles on their way ({@link HandleProxy}: serialized as a child's argument, a pool task's, a message) are
 * counted, not listed: each serialization adds one reservation and pushes the common expiry to 30 s ahead; the
 * receiving process takes one off when it attaches. Reservations count as holders until they are taken or
 * expire, so a waiter is not told that nobody is left while a receiver has yet to attach; a handle that never
 * arrives (its receiver died first) holds waiters up at most 30 s after the last serialization.
 *
 * <p>A process that finds every slot taken by a live holder counts itself in {@code overflow} and takes itself
 * off when it lets go, so the table never forgets a holder, however many processes ever held the object. One
 * that dies without letting go is found out by the operating system: while {@code overflow} is not 0 and no slot
 * lists a live holder, the table asks which processes map the file ({@code /proc/<pid>/maps}, at most once a
 * second); when none does, the overflowed holders are all gone and {@code overflow} goes back to 0. Without
 * {@code /proc}, an overflowed holder that died keeps the object held (waiters are not told).
 *
 * <p>A process takes one slot however many handles it holds ({@link ShmRegistry} counts them), so a pool worker
 * that deserializes the same queue for every task does not fill the table.
 *
 * <p>Versions: 1 had 16 pid-only slots, 2 had 32 slots that also held reservations and an overflow flag that
 * never went back to 0.
 */
public final class PeerTable {
    public static final int LENGTH = 2112;
    static final int SLOTS = 128;
    static final int SLOT_SIZE = 16;
    static final int OVERFLOW = SLOTS * SLOT_SIZE;
    static final int VERSION_OFFSET = OVERFLOW + 4;
    static final int SHARED = OVERFLOW + 8;
    static final int RESERVATIONS = OVERFLOW + 16;
    static final int RESERVED_UNTIL = OVERFLOW + 24;
    static final int VERSION = 3;
    static final long RESERVATION_MILLIS = 30_000;
    /** How often, at most, a table in overflow asks the operating system who maps its file. */
    static final long MAPPERS_CHECK_MILLIS = 1_000;

    private final ByteBuffer buffer;
    private final int base;
    private final Segment owner;
    /** When this view last asked who maps the file (see the class comment); epoch ms. */
    private volatile long mappersCheckedAt;

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

    /**
     * Records that this process holds a handle (without counting; see {@link #hold}).
     *
     * @return whether it took a slot (false: it counted itself in the overflow)
     */
    boolean register() {
        return put(Liveness.selfPid(), Liveness.selfStartTime());
    }

    /**
     * Records a handle of this process that was deserialized: registers, then takes a reservation off (in that
     * order, so that it always counts once at least).
     *
     * @return whether it took a slot
     */
    boolean claim() {
        Words.setIntVolatile(buffer, base + SHARED, 1);
        boolean slot = register();
        dropReservation();
        return slot;
    }

    /** Takes off the reservation a sender made for a handle this JVM received (none left, or expired: nothing). */
    void dropReservation() {
        Words.setIntVolatile(buffer, base + SHARED, 1);
        while (true) {
            long count = Words.getLongVolatile(buffer, base + RESERVATIONS);
            if (count <= 0 || Words.getLongVolatile(buffer, base + RESERVED_UNTIL) <= System.currentTimeMillis()
                    || Words.casLong(buffer, base + RESERVATIONS, count, count - 1)) {
                return;
            }
        }
    }

    /** Reserves room for a handle that is being serialized to another process (see the class comment). */
    public void reserve() {
        Words.setIntVolatile(buffer, base + SHARED, 1);
        long now = System.currentTimeMillis();
        liveReservations(now); // forgets expired ones, so that the new expiry does not revive them
        long until = now + RESERVATION_MILLIS;
        // the expiry moves first: a reset of expired reservations racing with this one then fails its CAS on the
        // count, or happens before the count goes up
        while (true) {
            long current = Words.getLongVolatile(buffer, base + RESERVED_UNTIL);
            if (current >= until || Words.casLong(buffer, base + RESERVED_UNTIL, current, until)) {
                break;
            }
        }
        Words.getAndAddLong(buffer, base + RESERVATIONS, 1);
    }

    /** The reservations that count at {@code now}; resets expired ones to 0. */
    long liveReservations(long now) {
        long count = Words.getLongVolatile(buffer, base + RESERVATIONS);
        if (count == 0) {
            return 0;
        }
        if (Words.getLongVolatile(buffer, base + RESERVED_UNTIL) > now) {
            return count;
        }
        Words.casLong(buffer, base + RESERVATIONS, count, 0);
        return 0;
    }

    /** The holders counted in the overflow now. */
    int overflow() {
        return Words.getIntVolatile(buffer, base + OVERFLOW);
    }

    /** Takes a free slot or a dead holder's; counts the holder in the overflow when every slot has a live one. */
    boolean put(long pid, long startTime) {
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < SLOTS; i++) {
                long v = Words.getLongVolatile(buffer, slot(i));
                boolean reusable = v == 0 || (pass == 1 && !isLive(i, v));
                if (reusable && take(i, v, pid, startTime)) {
                    return true;
                }
            }
        }
        Words.getAndAddInt(buffer, base + OVERFLOW, 1);
        return false;
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

    /**
     * Frees this process's slot, or takes it off the overflow.
     *
     * @param slot what {@link #register()} or {@link #claim()} answered
     */
    void unregister(boolean slot) {
        if (!slot) {
            while (true) {
                int count = overflow();
                // 0: a check found no other mapper of the file while this process held it; cannot happen, but
                // the count must not go negative
                if (count <= 0 || Words.casInt(buffer, base + OVERFLOW, count, count - 1)) {
                    return;
                }
            }
        }
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

    private boolean isLive(int i, long pid) {
        return pid > 0 && Liveness.isAlive(pid, startBeside(i, pid));
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
        long now = System.currentTimeMillis();
        if (liveReservations(now) > 0) {
            return false;
        }
        for (int i = 0; i < SLOTS; i++) {
            long v = Words.getLongVolatile(buffer, slot(i));
            if (v != 0 && v != except && isLive(i, v)) {
                return false;
            }
        }
        return overflow() == 0 || overflowGone(now);
    }

    /**
     * Whether the holders counted in the overflow are all gone: no other process maps the file. Then the count
     * goes back to 0, unless it changed meanwhile (a holder came or went: asked again later).
     */
    private boolean overflowGone(long now) {
        if (now - mappersCheckedAt < MAPPERS_CHECK_MILLIS) {
            return false;
        }
        mappersCheckedAt = now;
        int count = overflow();
        // a holder maps the file before it counts itself, so one that counted before this look is seen by it
        return !Mappers.othersMap(owner.file()) && Words.casInt(buffer, base + OVERFLOW, count, 0);
    }
}

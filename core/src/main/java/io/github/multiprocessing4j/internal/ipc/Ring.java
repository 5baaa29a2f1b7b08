package io.github.multiprocessing4j.internal.ipc;

import io.github.multiprocessing4j.internal.shm.LockWord;
import io.github.multiprocessing4j.internal.shm.SpinBudget;
import io.github.multiprocessing4j.internal.shm.Waiter;
import io.github.multiprocessing4j.internal.shm.Words;
import java.nio.ByteBuffer;
import java.util.function.LongPredicate;

/**
 * The operations of a {@link RingLayout ring}. Thread-safe and process-safe: writers serialize on the write lock,
 * readers on the read lock, and both locks recover from a holder that died. A message of any size goes through:
 * one that fits the ring is one record; a larger one is streamed as pieces of a quarter of the ring, the writer
 * holding the write lock and the reader the read lock from the first piece to the last, so the pieces of two
 * messages never interleave and one reader receives all of a message (see {@link RingLayout} for what happens when
 * a writer or a reader dies or gives up in the middle). A blocked write or read runs the other side's
 * {@link Waiter.Check} about every 10 ms; the check throws to end the wait (nobody left to answer), or answers true
 * to end it as a timeout.
 */
public final class Ring {
    private final ByteBuffer buffer;
    private final int base;
    private final int capacity;
    private final int maxItems;
    private final LockWord writeLock;
    private final LockWord readLock;
    /**
     * This handle's last view of the other side's position: tail for readers, head for writers. Positions only
     * grow, so a stale view is safe (it can only say there is less to read or less room than there is); it spares
     * the cache line the other process writes, which is re-read only when the cached view says wait.
     */
    private volatile long knownTail;
    private volatile long knownHead;
    /** How long this handle's readers spin for a message, and its writers for room, learnt from recent waits. */
    private final SpinBudget readSpin = new SpinBudget();
    private final SpinBudget writeSpin = new SpinBudget();

    /**
     * Takes a message out of the ring: called with its bytes while they are still in shared memory (under the read
     * lock), or in a heap buffer for a message that was streamed in pieces. It copies what it needs and returns
     * quickly: it must not run user code (deserialization), which would hold the lock.
     *
     * @param <T> what it makes of the bytes
     */
    @FunctionalInterface
    public interface Extract<T> {
        /**
         * Copies a message out.
         *
         * @param buffer the bytes; read with absolute gets only
         * @param at where the message starts
         * @param length how many bytes it has
         * @return what the read returns; never null
         */
        T from(ByteBuffer buffer, int at, int length);
    }

    /** The plain extract: the message's bytes in an array of their own. */
    public static byte[] copy(ByteBuffer buffer, int at, int length) {
        byte[] bytes = new byte[length];
        buffer.get(at, bytes, 0, length);
        return bytes;
    }

    /**
     * The ring at {@code base} of {@code buffer}.
     *
     * @param writerDead whether a process that may hold the write lock is dead (the writers' holder table)
     * @param readerDead whether a process that may hold the read lock is dead (the readers' holder table)
     */
    public Ring(ByteBuffer buffer, int base, LongPredicate writerDead, LongPredicate readerDead) {
        this.buffer = buffer;
        this.base = base;
        this.capacity = buffer.getInt(base + RingLayout.CAPACITY);
        this.maxItems = buffer.getInt(base + RingLayout.MAX_ITEMS);
        this.writeLock = new LockWord(buffer, base + RingLayout.WRITE_LOCK, writerDead);
        this.readLock = new LockWord(buffer, base + RingLayout.READ_LOCK, readerDead);
    }

    /** The bytes a ring of {@code capacity} data bytes takes. */
    public static long regionSize(int capacity) {
        return RingLayout.DATA + (long) capacity;
    }

    /** Rounds a requested capacity to a multiple of 64. */
    public static int roundCapacity(int capacity) {
        return Math.max(64, (capacity + 63) & ~63);
    }

    public static void init(ByteBuffer buffer, int base, int capacity, int maxItems) {
        LockWord.init(buffer, base + RingLayout.WRITE_LOCK);
        LockWord.init(buffer, base + RingLayout.READ_LOCK);
        buffer.putInt(base + RingLayout.CAPACITY, capacity);
        buffer.putInt(base + RingLayout.MAX_ITEMS, maxItems);
        buffer.putInt(base + RingLayout.VERSION_OFFSET, RingLayout.VERSION);
    }

    /** The largest payload that goes as one record; a larger one is streamed in pieces. */
    int maxWhole() {
        return capacity - RingLayout.RECORD_HEADER;
    }

    /** The payload of one piece of a streamed message: a quarter of the ring, so that writer and reader overlap. */
    int pieceSize() {
        return Math.max(32, (capacity / 4) & ~7);
    }

    /**
     * Writes one message of any length: whole, or in pieces while holding the write lock.
     *
     * @return false when the deadline passed first; a message cut off by the deadline is abandoned, and its
     *     readers drop what they received of it
     */
    public boolean write(byte[] src, int offset, int length, Waiter waiter, Waiter.Check readers)
            throws InterruptedException {
        return write(null, src, offset, length, waiter, readers);
    }

    /**
     * Writes one message made of a short head and a body, without joining them first when they fit the ring as
     * one record (a large array is copied once, from the caller's array into shared memory); a larger message is
     * joined and streamed as {@link #write(byte[], int, int, Waiter, Waiter.Check)} streams.
     *
     * @param head the first bytes of the message, or null for none
     * @return false when the deadline passed first
     */
    public boolean write(byte[] head, byte[] src, int offset, int length, Waiter waiter, Waiter.Check readers)
            throws InterruptedException {
        int headLength = head == null ? 0 : head.length;
        if (headLength > 0 && (long) headLength + length > maxWhole()) {
            byte[] joined = new byte[Math.addExact(headLength, length)];
            System.arraycopy(head, 0, joined, 0, headLength);
            System.arraycopy(src, offset, joined, headLength, length);
            return write(null, joined, 0, joined.length, waiter, readers);
        }
        LockWord.Outcome locked = writeLock.acquire(waiter, false);
        if (locked == LockWord.Outcome.TIMED_OUT) {
            return false;
        }
        try {
            if (locked == LockWord.Outcome.RECOVERED) {
                // the dead holder may have been in the middle of a message: its readers drop it
                Words.setIntVolatile(buffer, base + RingLayout.STREAM, 0);
            }
            if (headLength + length <= maxWhole()) {
                return putRecord(RingLayout.WHOLE, head, src, offset, length, true, waiter, readers);
            }
            return stream(src, offset, length, waiter, readers);
        } finally {
            writeLock.releaseHeld();
        }
    }

    private boolean stream(byte[] src, int offset, int length, Waiter waiter, Waiter.Check readers)
            throws InterruptedException {
        int seq = (buffer.getInt(base + RingLayout.SEQ) + 1) & RingLayout.SEQ_MASK;
        seq = seq == 0 ? 1 : seq;
        buffer.putInt(base + RingLayout.SEQ, seq);
        Words.setIntVolatile(buffer, base + RingLayout.STREAM, seq);
        try {
            int piece = pieceSize();
            int first = piece - 8;
            byte[] total = ByteBuffer.allocate(8).order(buffer.order()).putLong(0, length).array();
            if (!putRecord(RingLayout.FIRST | seq << 8, total, src, offset, first, false, waiter, readers)) {
                return false;
            }
            for (int at = first; at < length; at += piece) {
                int size = Math.min(piece, length - at);
                boolean last = at + size == length;
                if (!putRecord((last ? RingLayout.LAST : RingLayout.MORE) | seq << 8, null, src, offset + at, size,
                        last, waiter, readers)) {
                    return false;
                }
            }
            return true;
        } finally {
            // ended; or cut off (deadline, interrupt, peer gone), and then readers that hold part of it drop it
            Words.setIntVolatile(buffer, base + RingLayout.STREAM, 0);
        }
    }

    /**
     * Writes one record at the tail, preceded by padding when it would not fit before the end of the data area.
     *
     * @param head bytes written before the data (a first piece's whole length, the head of a gathered message), or
     *     null
     * @param counts whether the record ends a message (it counts as an item, and waits for the item limit)
     */
    private boolean putRecord(int kind, byte[] head, byte[] src, int offset, int length, boolean counts,
            Waiter waiter, Waiter.Check readers) throws InterruptedException {
        int payload = length + (head == null ? 0 : head.length);
        int need = RingLayout.recordSize(payload);
        boolean waitForItems = (kind & 0xFF) == RingLayout.WHOLE || (kind & 0xFF) == RingLayout.FIRST;
        // plain reads of the positions are enough under the lock: its compare-and-set orders them after the
        // previous holder's writes
        long tail = buffer.getLong(base + RingLayout.TAIL);
        int pos = (int) (tail % capacity);
        if (pos + need > capacity) {
            int pad = capacity - pos;
            if (!awaitSpace(tail, pad, false, waiter, readers)) {
                return false;
            }
            buffer.putInt(base + RingLayout.DATA + pos, pad - RingLayout.RECORD_HEADER);
            buffer.putInt(base + RingLayout.DATA + pos + 4, RingLayout.PADDING);
            tail += pad;
            Words.setLongRelease(buffer, base + RingLayout.TAIL, tail);
            pos = 0;
        }
        if (!awaitSpace(tail, need, waitForItems, waiter, readers)) {
            return false;
        }
        int at = base + RingLayout.DATA + pos;
        int data = at + RingLayout.RECORD_HEADER;
        if (head != null) {
            buffer.put(data, head, 0, head.length);
            data += head.length;
        }
        buffer.put(data, src, offset, length);
        buffer.putInt(at, payload);
        buffer.putInt(at + 4, kind);
        if (counts) {
            buffer.putLong(base + RingLayout.PUT_COUNT, buffer.getLong(base + RingLayout.PUT_COUNT) + 1);
        }
        Words.setLongRelease(buffer, base + RingLayout.TAIL, tail + need);
        return true;
    }

    private boolean awaitSpace(long tail, int need, boolean countItems, Waiter waiter, Waiter.Check readers)
            throws InterruptedException {
        if (capacity - (tail - knownHead) >= need && !(countItems && maxItems > 0)) {
            return true;
        }
        int headAt = base + RingLayout.HEAD;
        return waiter.await(() -> capacity - (tail - (knownHead = Words.getLongAcquire(buffer, headAt))) >= need
                && !(countItems && maxItems > 0 && items() >= maxItems), readers, writeSpin) == Waiter.Outcome.DONE;
    }

    /**
     * Reads one message, whole. The deadline bounds the wait for a message to begin: once the first piece of a
     * streamed message is taken, the rest is awaited without it (the writer is sending it, or gives up, or dies,
     * and then what was received is dropped and the read goes on with the next message). A reader interrupted in
     * the middle of a streamed message loses it (the next reader skips its other pieces).
     *
     * @return the message's bytes, or null when the deadline passed first
     */
    public byte[] read(Waiter waiter, Waiter.Check writers) throws InterruptedException {
        return read(waiter, writers, Ring::copy);
    }

    /**
     * Reads one message, as {@link #read(Waiter, Waiter.Check)} does, and hands its bytes to {@code extract} while
     * a whole record is still in shared memory, so that what the caller keeps is copied once.
     *
     * @return what {@code extract} made of the message, or null when the deadline passed first
     */
    public <T> T read(Waiter waiter, Waiter.Check writers, Extract<T> extract) throws InterruptedException {
        if (readLock.acquire(waiter, false) == LockWord.Outcome.TIMED_OUT) {
            return null;
        }
        try {
            long head = buffer.getLong(base + RingLayout.HEAD);
            byte[] message = null; // the streamed message being received
            int filled = 0;
            int seq = 0;
            while (true) {
                long from = head;
                if (knownTail - from <= 0 && !awaitRecord(from, message == null ? 0 : seq, waiter, writers)) {
                    if (message == null) {
                        return null;
                    }
                    message = null; // its writer gave up or died: drop it, and wait for the next message
                    continue;
                }
                int at = base + RingLayout.DATA + (int) (head % capacity);
                int length = buffer.getInt(at);
                int kind = buffer.getInt(at + 4);
                int type = kind & 0xFF;
                int data = at + RingLayout.RECORD_HEADER;
                head += RingLayout.recordSize(length);
                T whole = null;
                if (type == RingLayout.WHOLE) {
                    whole = extract.from(buffer, data, length);
                } else if (type == RingLayout.FIRST) {
                    long total = buffer.getLong(data);
                    if (total < 0 || total > Integer.MAX_VALUE - 8) {
                        throw new IllegalStateException("damaged message header in shared memory: length=" + total);
                    }
                    message = new byte[(int) total];
                    seq = kind >>> 8;
                    filled = length - 8;
                    buffer.get(data + 8, message, 0, filled);
                } else if (type == RingLayout.MORE || type == RingLayout.LAST) {
                    if (message != null && kind >>> 8 == seq) {
                        buffer.get(data, message, filled, length);
                        filled += length;
                        if (type == RingLayout.LAST) {
                            whole = extract.from(ByteBuffer.wrap(message), 0, message.length);
                        }
                    } else if (type == RingLayout.LAST) {
                        // the end of a message whose reader died with its beginning: it is gone, count it taken
                        countTaken();
                    }
                }
                if (whole != null) {
                    countTaken();
                    Words.setLongRelease(buffer, base + RingLayout.HEAD, head);
                    return whole;
                }
                Words.setLongRelease(buffer, base + RingLayout.HEAD, head);
            }
        } finally {
            readLock.releaseHeld();
        }
    }

    private void countTaken() {
        buffer.putLong(base + RingLayout.GET_COUNT, buffer.getLong(base + RingLayout.GET_COUNT) + 1);
    }

    /**
     * Waits for a record after {@code from}.
     *
     * @param seq the streamed message being received, or 0: then the caller's deadline applies; else none does,
     *     and the wait ends (false) when the message's writer gave it up or died
     * @return whether a record came
     */
    private boolean awaitRecord(long from, int seq, Waiter waiter, Waiter.Check writers)
            throws InterruptedException {
        int tailAt = base + RingLayout.TAIL;
        if (seq == 0) {
            return waiter.await(() -> (knownTail = Words.getLongAcquire(buffer, tailAt)) != from, writers,
                    readSpin) == Waiter.Outcome.DONE;
        }
        int streamAt = base + RingLayout.STREAM;
        Waiter.forever().await(() -> (knownTail = Words.getLongAcquire(buffer, tailAt)) != from
                || Words.getIntVolatile(buffer, streamAt) != seq, () -> writers.stop() || writeLock.ownerDead());
        // a record may have come just before the writer went: it is read first
        return (knownTail = Words.getLongAcquire(buffer, tailAt)) != from;
    }

    /** Whether a message (or padding) is waiting. */
    public boolean hasData() {
        return Words.getLongAcquire(buffer, base + RingLayout.TAIL)
                != Words.getLongAcquire(buffer, base + RingLayout.HEAD);
    }

    /** The number of messages waiting (approximate while others write or read). */
    public long items() {
        long got = Words.getLongAcquire(buffer, base + RingLayout.GET_COUNT);
        return Math.max(0, Words.getLongAcquire(buffer, base + RingLayout.PUT_COUNT) - got);
    }

    public int maxItems() {
        return maxItems;
    }

    /** Adds to the unfinished-task count (JoinableQueue) and returns the new count. */
    public long addUnfinished(long delta) {
        return Words.getAndAddLong(buffer, base + RingLayout.UNFINISHED, delta) + delta;
    }

    public long unfinished() {
        return Words.getLongVolatile(buffer, base + RingLayout.UNFINISHED);
    }

    /** Decrements the unfinished-task count unless it is zero; returns false if it was zero. */
    public boolean taskDone() {
        int at = base + RingLayout.UNFINISHED;
        while (true) {
            long n = Words.getLongVolatile(buffer, at);
            if (n <= 0) {
                return false;
            }
            if (Words.casLong(buffer, at, n, n - 1)) {
                return true;
            }
        }
    }
}

package io.github.multiprocessing4j.internal.ipc;

import io.github.multiprocessing4j.internal.shm.LockWord;
import io.github.multiprocessing4j.internal.shm.Waiter;
import io.github.multiprocessing4j.internal.shm.Words;
import java.nio.ByteBuffer;
import java.util.function.LongPredicate;

/**
 * The operations of a {@link RingLayout ring}. Thread-safe and process-safe: writers serialize on the write lock,
 * readers on the read lock, and both locks recover from a holder that died. A blocked write or read runs the
 * other side's {@link Waiter.Check} about every 10 ms; the check throws to end the wait (nobody left to answer),
 * or answers true to end it as a timeout.
 */
public final class Ring {
    /** Message kinds (never 0, which marks padding). */
    public static final int KIND_OBJECT = 1;
    public static final int KIND_BYTES = 2;

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

    /** The largest payload one message may have. */
    public int maxMessage() {
        return capacity - RingLayout.RECORD_HEADER;
    }

    /**
     * Writes one message, whole.
     *
     * @return false when the deadline passed first (nothing was written)
     * @throws IllegalArgumentException when the payload is larger than {@link #maxMessage()}
     */
    public boolean write(int kind, byte[] src, int offset, int length, Waiter waiter, Waiter.Check readers)
            throws InterruptedException {
        if (length > maxMessage()) {
            throw new IllegalArgumentException("message too large for the channel: size=" + length + ", limit="
                    + maxMessage());
        }
        if (writeLock.acquire(waiter, false) == LockWord.Outcome.TIMED_OUT) {
            return false;
        }
        try {
            int need = RingLayout.recordSize(length);
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
                buffer.putInt(base + RingLayout.DATA + pos + 4, RingLayout.KIND_PADDING);
                tail += pad;
                Words.setLongRelease(buffer, base + RingLayout.TAIL, tail);
                pos = 0;
            }
            if (!awaitSpace(tail, need, true, waiter, readers)) {
                return false;
            }
            int at = base + RingLayout.DATA + pos;
            buffer.put(at + RingLayout.RECORD_HEADER, src, offset, length);
            buffer.putInt(at, length);
            buffer.putInt(at + 4, kind);
            buffer.putLong(base + RingLayout.PUT_COUNT, buffer.getLong(base + RingLayout.PUT_COUNT) + 1);
            Words.setLongRelease(buffer, base + RingLayout.TAIL, tail + need);
            return true;
        } finally {
            writeLock.releaseHeld();
        }
    }

    private boolean awaitSpace(long tail, int need, boolean countItems, Waiter waiter, Waiter.Check readers)
            throws InterruptedException {
        if (capacity - (tail - knownHead) >= need && !(countItems && maxItems > 0)) {
            return true;
        }
        int headAt = base + RingLayout.HEAD;
        return waiter.await(() -> capacity - (tail - (knownHead = Words.getLongAcquire(buffer, headAt))) >= need
                && !(countItems && maxItems > 0 && items() >= maxItems), readers) == Waiter.Outcome.DONE;
    }

    /** One message read from the ring. */
    public record Message(int kind, byte[] payload) {
    }

    /**
     * Reads one message, whole.
     *
     * @return the message, or null when the deadline passed first
     */
    public Message read(Waiter waiter, Waiter.Check writers) throws InterruptedException {
        if (readLock.acquire(waiter, false) == LockWord.Outcome.TIMED_OUT) {
            return null;
        }
        try {
            long head = buffer.getLong(base + RingLayout.HEAD);
            while (true) {
                long from = head;
                if (knownTail - from <= 0 && waiter.await(() -> (knownTail = Words.getLongAcquire(buffer,
                        base + RingLayout.TAIL)) != from, writers) != Waiter.Outcome.DONE) {
                    return null;
                }
                int at = base + RingLayout.DATA + (int) (head % capacity);
                int length = buffer.getInt(at);
                int kind = buffer.getInt(at + 4);
                head += RingLayout.recordSize(length);
                if (kind == RingLayout.KIND_PADDING) {
                    Words.setLongRelease(buffer, base + RingLayout.HEAD, head);
                    continue;
                }
                byte[] payload = new byte[length];
                buffer.get(at + RingLayout.RECORD_HEADER, payload, 0, length);
                buffer.putLong(base + RingLayout.GET_COUNT, buffer.getLong(base + RingLayout.GET_COUNT) + 1);
                Words.setLongRelease(buffer, base + RingLayout.HEAD, head);
                return new Message(kind, payload);
            }
        } finally {
            readLock.releaseHeld();
        }
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

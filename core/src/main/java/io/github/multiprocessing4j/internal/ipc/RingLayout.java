package io.github.multiprocessing4j.internal.ipc;

/**
 * A many-writer, many-reader ring of messages in shared memory, at a 64-aligned offset of a segment body.
 *
 * <pre>
 *   0    write lock (LockLayout, 64 bytes): one writer at a time, held from a message's first piece to its last
 *   64   read lock (LockLayout, 64 bytes): one reader at a time, held likewise
 *   128  tail (long): bytes ever published | messages ever published (long); a cache line of their own,
 *        written only by the holder of the write lock
 *   192  head (long): bytes ever consumed | messages ever consumed (long); a cache line of their own,
 *        written only by the holder of the read lock
 *   256  capacity (int) | max items (int, 0 = no limit) | version (int) | stream (int): the number of the
 *        message being streamed, 0 when none
 *   272  last message number (int) | reserved (int) | unfinished tasks (long, JoinableQueue)
 *   288  reserved to 384
 *   384  data: capacity bytes of records
 *
 *   record, 8-aligned:  length (int) | kind (int) | payload (length bytes) | padding to 8
 *   kind:               type (low 8 bits) | message number (high 24 bits, pieces only)
 *   types:              0 padding, 1 whole message, 2 first piece (payload: message length (long) | data),
 *                       3 middle piece, 4 last piece
 * </pre>
 *
 * A writer copies a whole record, then publishes it by moving {@code tail} with a release store; a reader copies
 * a whole record, then frees it by moving {@code head}. So a writer killed mid-copy publishes nothing (the next
 * writer, which recovers the write lock, overwrites the half record), and a reader killed mid-copy frees nothing
 * (the next reader delivers the message). A record that would not fit before the end of the data area is
 * preceded by a padding record that fills the rest of it, so every payload is contiguous.
 *
 * <p>A message larger than the ring is streamed: its writer takes a new message number, stores it in
 * {@code stream} and writes pieces of a quarter of the ring, all under the write lock, so no other writer's record
 * comes between them; a reader keeps the read lock until it has the last piece. A writer that stops in the middle
 * (its deadline passed, it was interrupted, its reader is gone) sets {@code stream} to 0 before it lets the lock
 * go; one that dies leaves the lock to a dead owner, and the next writer, recovering the lock, sets {@code stream}
 * to 0. A reader in the middle of a message whose number is no longer in {@code stream}, or whose lock owner is
 * dead, drops what it received of it once it has read the pieces that were published; pieces that do not belong
 * to the message being received (left by a reader that died in the middle) are skipped. So a message is delivered
 * whole or not at all, and a dead writer or reader never corrupts the stream for the others.
 *
 * <p>The message counts are stored just before the positions move (for a streamed message, with its last piece);
 * a process killed between the two stores leaves a count one ahead, so {@code qsize} (approximate, as in Python)
 * may be off by one after such a crash.
 *
 * <p>Versions: 1 carried only whole messages, with a kind telling objects from raw bytes.
 */
final class RingLayout {
    static final int VERSION = 2;
    static final int WRITE_LOCK = 0;
    static final int READ_LOCK = 64;
    static final int TAIL = 128;
    static final int PUT_COUNT = 136;
    static final int HEAD = 192;
    static final int GET_COUNT = 200;
    static final int CAPACITY = 256;
    static final int MAX_ITEMS = 260;
    static final int VERSION_OFFSET = 264;
    static final int STREAM = 268;
    static final int SEQ = 272;
    static final int UNFINISHED = 280;
    static final int DATA = 384;

    static final int RECORD_HEADER = 8;
    static final int PADDING = 0;
    static final int WHOLE = 1;
    static final int FIRST = 2;
    static final int MORE = 3;
    static final int LAST = 4;
    /** Message numbers are 24 bits, beside the type in a record's kind. */
    static final int SEQ_MASK = 0xFF_FFFF;

    private RingLayout() {
    }

    static int recordSize(int payload) {
        return (RECORD_HEADER + payload + 7) & ~7;
    }
}

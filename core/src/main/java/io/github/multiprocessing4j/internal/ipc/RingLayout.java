package io.github.multiprocessing4j.internal.ipc;

/**
 * A many-writer, many-reader ring of whole messages in shared memory, at a 64-aligned offset of a segment body.
 *
 * <pre>
 *   0    write lock (LockLayout, 64 bytes): one writer at a time
 *   64   read lock (LockLayout, 64 bytes): one reader at a time
 *   128  tail (long): bytes ever published | messages ever published (long); a cache line of their own,
 *        written only by the holder of the write lock
 *   192  head (long): bytes ever consumed | messages ever consumed (long); a cache line of their own,
 *        written only by the holder of the read lock
 *   256  capacity (int) | max items (int, 0 = no limit) | version (int) | reserved (int)
 *   272  reserved (long) | unfinished tasks (long, JoinableQueue)
 *   288  reserved to 384
 *   384  data: capacity bytes of records
 *
 *   record, 8-aligned:  length (int) | kind (int) | payload (length bytes) | padding to 8
 * </pre>
 *
 * A writer copies a whole record, then publishes it by moving {@code tail} with a release store; a reader copies
 * a whole record, then frees it by moving {@code head}. So a writer killed mid-copy publishes nothing (the next
 * writer, which recovers the write lock, overwrites the half record), and a reader killed mid-copy frees nothing
 * (the next reader delivers the message). A record that would not fit before the end of the data area is
 * preceded by a padding record that fills the rest of it, so every payload is contiguous. The message counts
 * are stored just before the positions move; a process killed between the two stores leaves a count one ahead,
 * so {@code qsize} (approximate, as in Python) may be off by one after such a crash.
 */
final class RingLayout {
    static final int VERSION = 1;
    static final int WRITE_LOCK = 0;
    static final int READ_LOCK = 64;
    static final int TAIL = 128;
    static final int PUT_COUNT = 136;
    static final int HEAD = 192;
    static final int GET_COUNT = 200;
    static final int CAPACITY = 256;
    static final int MAX_ITEMS = 260;
    static final int VERSION_OFFSET = 264;
    static final int UNFINISHED = 280;
    static final int DATA = 384;

    static final int RECORD_HEADER = 8;
    static final int KIND_PADDING = 0;

    private RingLayout() {
    }

    static int recordSize(int payload) {
        return (RECORD_HEADER + payload + 7) & ~7;
    }
}

package io.github.multiprocessing4j.internal.shm;

/**
 * The first 2176 bytes of every multiprocessing4j shared-memory file; the body of the segment follows.
 *
 * <pre>
 *   0                   4                   8                  12                  16
 *   +-------------------+-------------------+-------------------+-------------------+
 *   | magic 'MP4J'      | header version    | kind              | kind version      |
 *   +-------------------+-------------------+-------------------+-------------------+
 *  16 | creator pid (long)                    | creator start, epoch ms (long)        |
 *   +---------------------------------------+---------------------------------------+
 *  32 | body size in bytes (long)             | ready (int)       | reserved          |
 *   +---------------------------------------+-------------------+-------------------+
 *  48 | creator start, Liveness units (long)  | reserved (8 bytes)                    |
 *   +---------------------------------------+---------------------------------------+
 *  64 | holders (PeerTable, 2112 bytes): the processes holding a tracked handle       |
 *   +-------------------------------------------------------------------------------+
 * 2176  body (its own layout, chosen by kind)
 * </pre>
 *
 * All words are in the platform's byte order. {@code ready} is written last, with release semantics, once the
 * creator has laid out the body; attaching checks magic, versions, kind and ready. The creator start at 48 is
 * {@code Liveness.selfStartTime()} (clock ticks since boot on Linux), so that a sweep tells a creator whose pid was
 * reused from one that still runs. The epoch-millisecond start at 24 is kept for the sweeps of version-1 libraries
 * running on the same machine: they read it whatever the version, and would delete a file whose creator start
 * they misread.
 *
 * <p>Versions: 1 had no start at 48 and 320-byte holder tables; 2 has the start at 48 and holder tables with a
 * start time per slot; 3 has 128-slot holder tables with counted reservations and a recoverable overflow.
 */
final class HeaderLayout {
    static final int MAGIC = 0x4A34504D; // "MP4J" read as a little-endian int
    static final int VERSION = 3;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    static final int KIND_OFFSET = 8;
    static final int KIND_VERSION_OFFSET = 12;
    static final int CREATOR_PID_OFFSET = 16;
    /** Epoch milliseconds, for version-1 sweeps only. */
    static final int CREATOR_START_MILLIS_OFFSET = 24;
    static final int BODY_SIZE_OFFSET = 32;
    static final int READY_OFFSET = 40;
    static final int CREATOR_START_OFFSET = 48;
    static final int HOLDERS_OFFSET = 64;

    /** Where the body starts; a multiple of 64, so that bodies may align words on cache lines. */
    static final int LENGTH = HOLDERS_OFFSET + PeerTable.LENGTH;

    private HeaderLayout() {
    }
}

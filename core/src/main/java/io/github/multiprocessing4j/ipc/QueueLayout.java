package io.github.multiprocessing4j.ipc;

import io.github.multiprocessing4j.internal.ipc.Ring;
import io.github.multiprocessing4j.internal.shm.PeerTable;

/**
 * The body of a queue's segment.
 *
 * <pre>
 *   0     peer table (PeerTable, 2112 bytes): the processes that hold a handle on the queue
 *   2112  ring (RingLayout: locks, head, tail, counts, then capacity bytes of records)
 * </pre>
 *
 * Versions: 1 had a 320-byte peer table; 2 has peer tables with start times; 3 has 128-slot peer tables with counted
 * reservations; 4 has a ring that streams messages of any size.
 */
final class QueueLayout {
    static final int VERSION = 4;
    static final int PEERS = 0;
    static final int RING = PeerTable.LENGTH;

    private QueueLayout() {
    }

    static long bodySize(int capacity) {
        return RING + Ring.regionSize(capacity);
    }
}

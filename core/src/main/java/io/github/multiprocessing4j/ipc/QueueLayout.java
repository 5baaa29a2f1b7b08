package io.github.multiprocessing4j.ipc;

import io.github.multiprocessing4j.internal.shm.PeerTable;
import io.github.multiprocessing4j.internal.ipc.Ring;

/**
 * The body of a queue's segment.
 *
 * <pre>
 *   0     peer table (PeerTable, 320 bytes): the processes that hold a handle on the queue
 *   320   ring (RingLayout: locks, head, tail, counts, then capacity bytes of records)
 * </pre>
 */
final class QueueLayout {
    static final int VERSION = 1;
    static final int PEERS = 0;
    static final int RING = PeerTable.LENGTH;

    private QueueLayout() {
    }

    static long bodySize(int capacity) {
        return RING + Ring.regionSize(capacity);
    }
}

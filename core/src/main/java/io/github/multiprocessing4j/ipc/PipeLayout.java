package io.github.multiprocessing4j.ipc;

import io.github.multiprocessing4j.internal.ipc.Ring;
import io.github.multiprocessing4j.internal.shm.PeerTable;

/**
 * The body of a pipe's segment.
 *
 * <pre>
 *   0     peer table of end 1 (conn1): the processes holding it (PeerTable, 2112 bytes)
 *   2112  peer table of end 2 (conn2) (2112 bytes)
 *   4224  duplex (int, 0 or 1) | version (int) | capacity of each ring (int) | reserved to 4288
 *   4288  ring A: written by conn2, read by conn1 (RingLayout + capacity bytes)
 *   ...   ring B, duplex only: written by conn1, read by conn2
 * </pre>
 *
 * Versions: 1 had 320-byte peer tables; 2 has peer tables with start times; 3 has 128-slot peer tables with counted
 * reservations; 4 has rings that stream messages of any size and the rings' capacity here.
 */
final class PipeLayout {
    static final int VERSION = 4;
    static final int PEERS_1 = 0;
    static final int PEERS_2 = PeerTable.LENGTH;
    static final int DUPLEX = 2 * PeerTable.LENGTH;
    static final int VERSION_OFFSET = DUPLEX + 4;
    static final int CAPACITY = DUPLEX + 8;
    static final int RING_A = DUPLEX + 64;

    private PipeLayout() {
    }

    static int ringB(int capacity) {
        return (int) (RING_A + Ring.regionSize(capacity));
    }

    static long bodySize(boolean duplex, int capacity) {
        return RING_A + Ring.regionSize(capacity) * (duplex ? 2 : 1);
    }
}

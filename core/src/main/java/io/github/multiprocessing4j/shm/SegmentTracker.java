package io.github.multiprocessing4j.shm;

import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.internal.shm.ShmFiles;
import io.github.multiprocessing4j.internal.watch.ParentWatch;
import io.github.multiprocessing4j.sync.Event;
import java.util.concurrent.TimeUnit;

/**
 * The task of a {@link SharedMemoryManager}'s tracker process: a non-daemon child of the manager's owner that
 * waits for the owner's {@code stop} event or the owner's death, whichever comes first, and then deletes every
 * file the manager created (they all carry its name prefix). A non-daemon child is chosen because a daemon halts
 * at once when its parent dies, with no time to clean up.
 */
final class SegmentTracker {
    /** How often the tracker looks at the stop event, and polls the owner by pid besides its end of stdin. */
    static final long POLL_MILLIS = 200;

    private SegmentTracker() {
    }

    /**
     * Runs in the tracker process until the owner stops it or dies.
     *
     * @param ownerPid the owner's pid (the creator in the files' names)
     * @param namePrefix the names of the manager's segments start with it
     * @param ready set once the tracker watches its owner
     * @param stop set by the owner's {@code shutdown()}
     * @throws InterruptedException when interrupted (the files are deleted all the same)
     */
    static void track(Long ownerPid, String namePrefix, Event ready, Event stop) throws InterruptedException {
        ParentWatch owner = JvmRuntime.get().parentWatch();
        // the end of stdin tells the owner's death at once; polling by pid and start time is the second opinion
        owner.startPolling(POLL_MILLIS);
        try {
            ready.set();
            while (!stop.isSet() && !owner.await(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS))) {
                // wait for either
            }
        } finally {
            ShmFiles.unlinkNamedWithPrefix(ownerPid, namePrefix);
            ready.close();
            stop.close();
        }
    }
}

package io.github.multiprocessing4j.internal.runtime;

import io.github.multiprocessing4j.internal.shm.ShmRegistry;
import io.github.multiprocessing4j.internal.wire.ControlSocket;

/**
 * What JVMs killed with SIGKILL left behind is removed when the library starts in a main process, on a background
 * thread: socket directories of dead JVMs, shared-memory files of dead creators.
 */
final class StartupSweep {
    private static final System.Logger LOG = System.getLogger(StartupSweep.class.getName());

    private StartupSweep() {
    }

    /** Starts the sweep; the exit sequence waits for it (a short program must not leave it half done). */
    static Thread start() {
        Thread sweeper = new Thread(StartupSweep::sweep, "mp4j-sweep");
        sweeper.setDaemon(true);
        sweeper.start();
        return sweeper;
    }

    private static void sweep() {
        try {
            int sockets = ControlSocket.sweepStale();
            int files = ShmRegistry.sweepStale();
            if (sockets + files > 0) {
                LOG.log(System.Logger.Level.DEBUG, "removed what dead JVMs left: socketDirectories=" + sockets
                        + ", sharedMemoryFiles=" + files);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "sweeping stale files failed", e);
        }
    }
}

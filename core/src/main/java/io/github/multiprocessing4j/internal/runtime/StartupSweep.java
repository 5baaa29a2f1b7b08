package io.github.multiprocessing4j.internal.runtime;

import io.github.multiprocessing4j.internal.wire.ControlSocket;

/**
 * What JVMs killed with SIGKILL left behind is removed when the library starts in a main process, on a background
 * thread: socket directories of dead JVMs, shared-memory files of dead creators.
 */
final class StartupSweep {
    private static final System.Logger LOG = System.getLogger(StartupSweep.class.getName());

    private StartupSweep() {
    }

    static void start() {
        Thread sweeper = new Thread(StartupSweep::sweep, "mp4j-sweep");
        sweeper.setDaemon(true);
        sweeper.start();
    }

    private static void sweep() {
        try {
            int sockets = ControlSocket.sweepStale();
            if (sockets > 0) {
                LOG.log(System.Logger.Level.DEBUG, "removed stale socket directories: count=" + sockets);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "sweeping stale files failed", e);
        }
    }
}

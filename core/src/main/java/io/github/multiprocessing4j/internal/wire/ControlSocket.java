package io.github.multiprocessing4j.internal.wire;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * This JVM's control socket, where its children call back. One per runtime. The socket and its directory exist
 * only while some child needs them (each child holds a lease from its start until its end is read), so nothing
 * is on disk between uses; {@link #close()}, the last step of the exit sequence, removes them whatever leases
 * remain.
 *
 * <p>Thread-safe.
 */
public final class ControlSocket {
    private ControlServer current;
    private int leases;
    private boolean closed;

    /** One child's use of the socket: where to connect, and how its connection is announced. */
    public final class Lease {
        private final ControlServer server;
        private boolean released;

        private Lease(ControlServer server) {
            this.server = server;
        }

        /** The socket's path, for the child's boot frame. */
        public Path path() {
            return server.socketPath();
        }

        /** Announces a child that will connect with this id and secret; {@code onConnected} runs its session. */
        public void expect(long childId, byte[] secret, Consumer<Connected> onConnected) {
            server.expect(childId, secret, accepted -> onConnected.accept(
                    new Connected(accepted.socket(), accepted.pid())));
        }

        /**
         * Forgets a child that will not connect.
         *
         * @return false when a handshake has taken its connection already and will call back
         */
        public boolean forget(long childId) {
            return server.forget(childId);
        }

        /** Gives the lease back; the last one closes the socket. Idempotent. */
        public void release() {
            synchronized (ControlSocket.this) {
                if (released) {
                    return;
                }
                released = true;
                if (current != server || --leases > 0) {
                    return;
                }
                current = null;
                // under the lock: the exit sequence's close() must not return while files are still being removed
                server.close();
            }
        }
    }

    /** A child's proven connection. */
    public record Connected(FramedSocket socket, long pid) {
    }

    /**
     * Takes a lease, opening the socket if needed.
     *
     * @throws IOException when the socket cannot be opened, or after {@link #close()}
     */
    public synchronized Lease acquire() throws IOException {
        if (closed) {
            throw new IOException("the control socket is closed: this JVM is exiting");
        }
        if (current == null) {
            current = new ControlServer();
        }
        leases++;
        return new Lease(current);
    }

    /** Whether the socket is open now. */
    public synchronized boolean isOpen() {
        return current != null;
    }

    /** Closes the socket and removes its directory, for good: the last step of the exit sequence. */
    public synchronized void close() {
        closed = true;
        if (current != null) {
            current.close();
            current = null;
        }
    }

    /**
     * Removes socket directories of JVMs that died without removing theirs.
     *
     * @return how many were removed
     */
    public static int sweepStale() {
        return ControlServer.sweepStale();
    }
}

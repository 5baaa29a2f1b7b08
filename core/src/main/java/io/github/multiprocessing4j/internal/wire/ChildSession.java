package io.github.multiprocessing4j.internal.wire;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The parent's side of one child's socket: it waits for the child's proven connection, welcomes it, and reads
 * what the child sends until the child closes it or dies. The child's {@link ExitReport} is kept here; every
 * other frame goes to the listener, on this session's reader thread (it must not block).
 *
 * <p>Thread-safe. {@link #awaitEnd} blocks at most a few seconds, and not at all for a child that never
 * connected.
 */
public final class ChildSession {
    private static final System.Logger LOG = System.getLogger(ChildSession.class.getName());
    /** How long a connected child's remaining frames may take to arrive once it has died. */
    private static final long DRAIN_SECONDS = 5;
    /** How long the reader waits on-CPU for a due frame before it blocks (see {@link Listener#expectsFrame}). */
    private static final long SPIN_NANOS = 50_000;

    private final ControlSocket.Lease lease;
    private final long childId;
    private final String name;
    private final Listener listener;
    private final CountDownLatch connected = new CountDownLatch(1);
    private final CountDownLatch readerDone = new CountDownLatch(1);
    private final java.util.List<Runnable> whenConnected = new java.util.ArrayList<>();
    private volatile ExitReport exitReport;
    private volatile long pid = -1;

    /**
     * Announces a child on a control socket lease.
     *
     * @param lease the socket the child connects to; released by {@link #close()}
     * @param childId the child's number in its boot frame
     * @param secret the secret its boot frame carries
     * @param name the child's name, for log messages
     * @param listener receives every frame but EXIT
     */
    public ChildSession(ControlSocket.Lease lease, long childId, byte[] secret, String name,
            Listener listener) {
        this.lease = lease;
        this.childId = childId;
        this.name = name;
        this.listener = listener;
        lease.expect(childId, secret, this::run);
    }

    /** Receives a child's frames. */
    @FunctionalInterface
    public interface Listener {
        /**
         * Handles one frame, on the session's reader thread; must not block.
         *
         * @throws IOException when the frame is damaged (logged; the session goes on)
         */
        void onFrame(Frame frame) throws IOException;

        /**
         * Whether a frame is due soon (a pool worker runs a task): the reader then waits a little on-CPU for it
         * before it blocks, so that a quick answer costs no wake-up. Called on the reader thread; must not block.
         */
        default boolean expectsFrame() {
            return false;
        }
    }

    private void run(ControlSocket.Connected accepted) {
        pid = accepted.pid();
        java.util.List<Runnable> actions;
        synchronized (whenConnected) {
            connected.countDown();
            actions = new java.util.ArrayList<>(whenConnected);
            whenConnected.clear();
        }
        for (Runnable action : actions) {
            action.run();
        }
        try (FramedSocket socket = accepted.socket()) {
            socket.write(Frame.empty(FrameType.WELCOME)); // after the count-down: see FrameType.WELCOME
            while (true) {
                if (listener.expectsFrame()) {
                    socket.spin(SPIN_NANOS);
                }
                Frame frame = socket.read();
                if (frame == null) {
                    break;
                }
                try {
                    if (frame.type() == FrameType.EXIT) {
                        exitReport = ExitReport.decode(frame.payload());
                    } else {
                        listener.onFrame(frame);
                    }
                } catch (IOException | RuntimeException e) {
                    // one bad frame (or a listener that threw) must not cost the reports that follow
                    LOG.log(System.Logger.Level.WARNING, "a frame from child " + name + " failed", e);
                }
            }
        } catch (IOException e) {
            // the child died while writing: what it sent whole is kept
            LOG.log(System.Logger.Level.DEBUG, "child " + name + " ended inside a frame", e);
        } finally {
            readerDone.countDown();
        }
    }

    /** Whether the child has proven itself. */
    public boolean isConnected() {
        return connected.getCount() == 0;
    }

    /**
     * Runs an action once the child has proven itself: now if it has, else on the session's thread when it does.
     * The action must not block.
     */
    public void whenConnected(Runnable action) {
        synchronized (whenConnected) {
            if (connected.getCount() > 0) {
                whenConnected.add(action);
                return;
            }
        }
        action.run();
    }

    /** How the child said it ends, or null if it did not say (killed, or never connected). */
    public ExitReport exitReport() {
        return exitReport;
    }

    /** The socket path the child connects to. */
    public java.nio.file.Path socketPath() {
        return lease.path();
    }

    /**
     * Once the child's JVM has ended: waits until everything it sent has been read. A child that has not
     * connected within {@code lateConnectMillis} is taken to have died before connecting.
     *
     * @throws InterruptedException when interrupted
     */
    public void awaitEnd(long lateConnectMillis) throws InterruptedException {
        boolean inTime = connected.await(lateConnectMillis, TimeUnit.MILLISECONDS);
        if (inTime || !lease.forget(childId)) {
            // connected, or a handshake has the connection already: read what the child sent, to its end
            connected.await(DRAIN_SECONDS, TimeUnit.SECONDS);
            readerDone.await(DRAIN_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Gives the socket lease back. */
    public void close() {
        lease.forget(childId);
        lease.release();
    }
}

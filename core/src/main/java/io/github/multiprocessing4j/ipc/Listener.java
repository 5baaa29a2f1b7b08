package io.github.multiprocessing4j.ipc;

import io.github.multiprocessing4j.exception.AuthenticationException;
import io.github.multiprocessing4j.internal.runtime.ExitStage;
import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.internal.wire.Challenge;
import io.github.multiprocessing4j.internal.wire.FramedSocket;
import io.github.multiprocessing4j.internal.wire.PrivateSockets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A socket that accepts authenticated connections from {@link Client#connect} (Python:
 * {@code multiprocessing.connection.Listener}), over a Unix socket path or TCP.
 *
 * <h2>Authentication</h2>
 * Every connection proves the authkey in both directions (HMAC-SHA256 over random challenges, Python's
 * {@code deliver_challenge}/{@code answer_challenge}) before a single message is read; a peer with another key
 * makes {@link #accept()} throw {@link AuthenticationException} and is refused on its side too. Differs from
 * Python: without an explicit key the listener uses this process's key ({@code Multiprocessing.authkey()}, which
 * children inherit) instead of doing no authentication at all.
 *
 * <h2>Files and lifetime</h2>
 * {@code new Listener()} binds a Unix socket in a fresh directory only this user can enter (0700); a given Unix
 * path is used as is. The socket file is removed by {@link #close()} and, failing that, when this JVM exits. A TCP
 * listener sets {@code SO_REUSEADDR}, so that a new one can bind the same address at once.
 *
 * <h2>Blocking and threads</h2>
 * {@link #accept()} waits for a connection, then at most 10 s for its handshake. Thread-safe. A listener can be
 * given to {@link Connection#wait(java.util.Collection, java.time.Duration)}: it is ready when a connection is
 * waiting, so that {@code accept()} would not block on the socket (the handshake is still to come). The listener
 * itself cannot cross to another process; send its {@link #address()} instead.
 */
public final class Listener implements AutoCloseable {
    private static final long HANDSHAKE_MILLIS = 10_000;

    private final ServerSocketChannel server;
    private final SocketAddress address;
    private final byte[] authkey;
    private final Path socketFile;
    private final Runnable atExit;
    /** Connections taken off the socket by {@link #hasPending()} that {@link #accept()} has not handed out yet. */
    private final ConcurrentLinkedQueue<SocketChannel> pending = new ConcurrentLinkedQueue<>();
    /** Where {@link #accept()} waits: the server socket is non-blocking, so that a wait can look without taking. */
    private final Selector selector;
    private volatile SocketAddress lastAccepted;

    /** Listens on a private Unix socket with this process's authkey. */
    public Listener() {
        this(null, JvmRuntime.get().authkey());
    }

    /**
     * Listens on an address with this process's authkey.
     *
     * @param address a {@link UnixDomainSocketAddress} or an {@link InetSocketAddress} (port 0 for any free one)
     */
    public Listener(SocketAddress address) {
        this(Objects.requireNonNull(address, "address"), JvmRuntime.get().authkey());
    }

    /**
     * Listens on an address with an authkey.
     *
     * @param address a {@link UnixDomainSocketAddress}, an {@link InetSocketAddress}, or null for a private Unix
     *     socket
     * @param authkey the key every client must prove; not empty
     * @throws IllegalArgumentException for an empty key or another kind of address
     * @throws UncheckedIOException when the address cannot be bound (in use, no permission)
     */
    public Listener(SocketAddress address, byte[] authkey) {
        this.authkey = checkKey(authkey);
        try {
            if (address == null || address instanceof UnixDomainSocketAddress) {
                socketFile = address == null ? PrivateSockets.newSocketPath()
                        : ((UnixDomainSocketAddress) address).getPath();
                server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                bind(UnixDomainSocketAddress.of(socketFile));
                PrivateSockets.restrict(socketFile);
            } else if (address instanceof InetSocketAddress) {
                socketFile = null;
                server = ServerSocketChannel.open();
                server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                bind(address);
            } else {
                throw new IllegalArgumentException("a Listener takes a UnixDomainSocketAddress or an"
                        + " InetSocketAddress: address=" + address + ", type=" + address.getClass().getName());
            }
            this.address = server.getLocalAddress();
            server.configureBlocking(false);
            selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen: address=" + address + ", error=" + e.getMessage(), e);
        }
        atExit = this::close;
        JvmRuntime.get().atExit(ExitStage.CLOSE_SOCKET, atExit);
    }

    private void bind(SocketAddress where) throws IOException {
        try {
            server.bind(where, 128);
        } catch (IOException e) {
            server.close();
            throw e;
        }
    }

    static byte[] checkKey(byte[] authkey) {
        if (authkey == null || authkey.length == 0) {
            throw new IllegalArgumentException("an authkey must not be empty: give the same non-empty byte[] to"
                    + " both sides (or none, to use Multiprocessing.authkey())");
        }
        return authkey.clone();
    }

    /**
     * Waits for a connection and authenticates it (Python: {@code accept()}).
     *
     * @return the connection, ready to send and receive
     * @throws AuthenticationException when the peer holds another key, or does not finish its handshake in time;
     *     the listener goes on accepting
     * @throws IllegalStateException when the listener is closed
     * @throws UncheckedIOException when accepting fails
     */
    public Connection accept() {
        SocketChannel channel = nextChannel();
        try {
            channel.configureBlocking(true);
            Challenge.accepting(channel, authkey, HANDSHAKE_MILLIS);
            SocketAddress peer = channel.getRemoteAddress();
            lastAccepted = peer;
            return new SocketConnection(FramedSocket.of(channel), "accepted on " + address);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            if (e instanceof IOException) {
                throw new UncheckedIOException("a connection failed during its handshake: address=" + address,
                        (IOException) e);
            }
            throw (RuntimeException) e;
        }
    }

    /** Waits for a connection on the socket (or one a wait already took off it). */
    private SocketChannel nextChannel() {
        try {
            while (true) {
                SocketChannel channel = pending.poll();
                if (channel == null) {
                    channel = server.accept();
                }
                if (channel != null) {
                    return channel;
                }
                // one thread selects at a time; the others wait here and then find the socket ready or empty
                synchronized (selector) {
                    if (!selector.isOpen()) {
                        throw new IllegalStateException("the listener is closed: address=" + address);
                    }
                    selector.select();
                    selector.selectedKeys().clear();
                }
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            if (!server.isOpen()) {
                throw new IllegalStateException("the listener is closed: address=" + address, e);
            }
            if (e instanceof IOException) {
                throw new UncheckedIOException("accepting a connection failed: address=" + address, (IOException) e);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * Whether {@link #accept()} would find a connection without waiting; takes one off the socket if need be.
     *
     * @return whether a connection is waiting
     * @throws IllegalStateException when the listener is closed
     */
    boolean hasPending() {
        if (!pending.isEmpty()) {
            return true;
        }
        try {
            SocketChannel channel = server.accept();
            if (channel == null) {
                return false;
            }
            pending.add(channel);
            if (!server.isOpen()) { // closed meanwhile: close() may have drained the queue already
                drainPending();
            }
            return true;
        } catch (IOException e) {
            if (!server.isOpen()) {
                throw new IllegalStateException("cannot wait on a closed listener: address=" + address, e);
            }
            throw new UncheckedIOException("looking for a connection failed: address=" + address, e);
        }
    }

    private void drainPending() {
        for (SocketChannel c = pending.poll(); c != null; c = pending.poll()) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // a connection we are refusing anyway
        }
    }

    /**
     * The address clients connect to (Python: {@code address}); for TCP with port 0, the port chosen.
     *
     * @return the bound address
     */
    public SocketAddress address() {
        return address;
    }

    /**
     * The address of the last accepted connection's peer (Python: {@code last_accepted}).
     *
     * @return it, or empty before the first
     */
    public Optional<SocketAddress> lastAccepted() {
        return Optional.ofNullable(lastAccepted);
    }

    /**
     * Whether the listener is closed.
     *
     * @return true after {@link #close()}
     */
    public boolean isClosed() {
        return !server.isOpen();
    }

    /** Stops listening and removes a Unix socket's file; connections already accepted stay open. */
    @Override
    public void close() {
        if (!server.isOpen()) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            // the file is removed below all the same
        }
        selector.wakeup();
        try {
            selector.close(); // waits for a thread in select() to leave it: the wakeup above made it leave
        } catch (IOException e) {
            // nothing else to release
        }
        drainPending();
        if (socketFile != null) {
            try {
                PrivateSockets.remove(socketFile);
            } catch (IOException e) {
                System.getLogger(Listener.class.getName()).log(System.Logger.Level.WARNING,
                        "cannot remove the listener's socket file " + socketFile, e);
            }
        }
        JvmRuntime.get().removeAtExit(ExitStage.CLOSE_SOCKET, atExit);
    }

    @Override
    public String toString() {
        return "Listener[" + address + (isClosed() ? ", closed" : "") + "]";
    }
}

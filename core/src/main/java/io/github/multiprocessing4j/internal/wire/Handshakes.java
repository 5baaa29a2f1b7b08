package io.github.multiprocessing4j.internal.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.function.BiConsumer;

/**
 * The accept loop of a control socket and the handshakes of connections not yet proven: one thread and one
 * selector for all of them, whatever their number, so a peer that connects and says nothing costs a buffer, not
 * a thread. A connection must send its whole {@link Hello} within {@value #DEADLINE_MILLIS} ms, in a frame no
 * longer than {@value #MAX_HELLO} bytes; at most {@value #MAX_PENDING} handshakes wait at once (more are closed
 * at once). Exactly the HELLO frame is read, so what a child sends right after it stays in the socket for its
 * session.
 */
final class Handshakes implements Runnable {
    private static final System.Logger LOG = System.getLogger(Handshakes.class.getName());
    /** A HELLO is about 60 bytes: nothing longer is read from a peer that has not proven itself. */
    static final int MAX_HELLO = 256;
    static final int MAX_PENDING = 1024;
    static final long DEADLINE_MILLIS = 10_000;
    private static final int HEADER = 5;

    private final ServerSocketChannel server;
    private final Selector selector;
    private final BiConsumer<SocketChannel, Hello> onHello;
    private final java.util.List<SocketChannel> provenChannels = new java.util.ArrayList<>();
    private final java.util.List<Hello> provenHellos = new java.util.ArrayList<>();
    private int pending;
    private boolean warnedFull;

    /** One connection's handshake so far. */
    private static final class Pending {
        final long deadline = System.nanoTime() + DEADLINE_MILLIS * 1_000_000;
        final ByteBuffer header = ByteBuffer.allocate(HEADER);
        ByteBuffer payload;
    }

    /**
     * Takes over a bound server socket.
     *
     * @param onHello gets each connection whose HELLO arrived whole (back in blocking mode), to check its proof
     */
    Handshakes(ServerSocketChannel server, BiConsumer<SocketChannel, Hello> onHello) throws IOException {
        this.server = server;
        this.onHello = onHello;
        this.selector = Selector.open();
        try {
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            selector.close();
            throw e;
        }
    }

    /** Wakes the loop, so that it sees its server closed at once and lets go of it. */
    void wakeup() {
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            while (server.isOpen()) {
                selector.select(1000);
                for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else if (key.isReadable()) {
                        read(key);
                    }
                }
                handOver();
                expire();
            }
        } catch (IOException | RuntimeException e) {
            if (server.isOpen()) {
                LOG.log(System.Logger.Level.WARNING, "the control socket's accept loop failed", e);
            }
        } finally {
            for (SelectionKey key : selector.keys()) {
                closeQuietly(key.channel());
            }
            closeQuietly(selector);
        }
    }

    private void accept() {
        SocketChannel channel;
        try {
            channel = server.accept();
        } catch (IOException e) {
            // e.g. too many open files: children keep waiting in the backlog; the next select tries again
            LOG.log(System.Logger.Level.WARNING, "accepting a child's connection failed; retrying", e);
            pause();
            return;
        }
        if (channel == null) {
            return;
        }
        if (pending >= MAX_PENDING) {
            if (!warnedFull) {
                warnedFull = true;
                LOG.log(System.Logger.Level.WARNING, "too many connections without a handshake: closing new ones,"
                        + " limit=" + MAX_PENDING);
            }
            closeQuietly(channel);
            return;
        }
        try {
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, new Pending());
            pending++;
        } catch (IOException e) {
            closeQuietly(channel);
        }
    }

    private void read(SelectionKey key) {
        SocketChannel channel = (SocketChannel) key.channel();
        Pending state = (Pending) key.attachment();
        try {
            if (state.payload == null) {
                if (channel.read(state.header) < 0) {
                    drop(key, "closed before its handshake");
                    return;
                }
                if (state.header.hasRemaining()) {
                    return;
                }
                int length = state.header.getInt(0);
                if (state.header.get(4) != FrameType.HELLO.tag() || length < 0 || length > MAX_HELLO) {
                    drop(key, "did not start with a handshake");
                    return;
                }
                state.payload = ByteBuffer.allocate(length);
            }
            if (channel.read(state.payload) < 0) {
                drop(key, "closed inside its handshake");
                return;
            }
            if (state.payload.hasRemaining()) {
                return;
            }
            Hello hello = Hello.decode(state.payload.array());
            key.attach(null);
            key.cancel();
            pending--;
            provenChannels.add(channel);
            provenHellos.add(hello);
        } catch (IOException | RuntimeException e) {
            drop(key, "failed its handshake: " + e);
        }
    }

    /** Gives the connections whose HELLO arrived to the server, out of the selector and blocking again. */
    private void handOver() throws IOException {
        if (provenChannels.isEmpty()) {
            return;
        }
        selector.selectNow(); // deregisters the cancelled keys, so that their channels can block again
        for (int i = 0; i < provenChannels.size(); i++) {
            SocketChannel channel = provenChannels.get(i);
            try {
                channel.configureBlocking(true);
                onHello.accept(channel, provenHellos.get(i));
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "a connection failed after its handshake", e);
                closeQuietly(channel);
            }
        }
        provenChannels.clear();
        provenHellos.clear();
    }

    private void expire() {
        long now = System.nanoTime();
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Pending && now - ((Pending) key.attachment()).deadline > 0) {
                drop(key, "did not finish its handshake in " + DEADLINE_MILLIS + " ms");
            }
        }
    }

    /** A connection that did not prove anything: a child that died while connecting, or no child of ours. */
    private void drop(SelectionKey key, String why) {
        if (key.attachment() instanceof Pending) {
            pending--;
            key.attach(null);
        }
        key.cancel();
        closeQuietly(key.channel());
        if (pending < MAX_PENDING / 2) {
            warnedFull = false;
        }
        LOG.log(System.Logger.Level.DEBUG, "a connection to the control socket " + why);
    }

    private static void closeQuietly(java.io.Closeable channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to do for a connection we are dropping
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

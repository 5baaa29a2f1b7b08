package io.github.multiprocessing4j.internal.wire;

import java.io.DataInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The parent's listening socket, where children call back: a Unix domain socket in a fresh directory that only
 * this user can enter (0700). A connection counts only after it proves the per-child secret in its first frame
 * (HELLO); anything else is closed.
 *
 * <p>Shared by every child of this JVM and reference-counted: the socket and its directory exist only while
 * some child needs them, so nothing is left on disk between uses or after exit.
 */
public final class ControlServer {
    private static final System.Logger LOG = System.getLogger(ControlServer.class.getName());
    private static ControlServer current;
    private static int users;

    private final Path directory;
    private final Path socket;
    private final ServerSocketChannel server;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

    private record Pending(byte[] secret, Consumer<Accepted> onConnected) {
    }

    /** A proven connection from a child. */
    public record Accepted(Connection connection, long pid) {
    }

    private ControlServer() throws IOException {
        Path base = baseDirectory();
        sweepStale(base);
        directory = Files.createTempDirectory(base, "mp4j-" + ProcessHandle.current().pid() + "-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        socket = directory.resolve("s");
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(socket), 128);
        } catch (IOException e) {
            channel.close();
            Files.deleteIfExists(directory);
            throw e;
        }
        server = channel;
        Thread acceptor = new Thread(this::acceptLoop, "mp4j-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Where the socket directories go: $XDG_RUNTIME_DIR, else java.io.tmpdir when short enough, else /tmp. */
    private static Path baseDirectory() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && Files.isDirectory(Paths.get(runtime)) && Files.isWritable(Paths.get(runtime))) {
            return Paths.get(runtime);
        }
        Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
        // a Unix socket path is limited to about 107 bytes
        return tmp.toAbsolutePath().toString().length() <= 80 ? tmp : Paths.get("/tmp");
    }

    /** Removes the socket directories of JVMs that died without cleaning up (e.g. killed with SIGKILL). */
    private static void sweepStale(Path base) {
        try (java.util.stream.Stream<Path> entries = Files.list(base)) {
            entries.filter(p -> p.getFileName().toString().matches("mp4j-\\d+-.*")).forEach(p -> {
                long pid = Long.parseLong(p.getFileName().toString().split("-")[1]);
                if (ProcessHandle.of(pid).isEmpty()) {
                    try {
                        Files.deleteIfExists(p.resolve("s"));
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        LOG.log(System.Logger.Level.DEBUG, "cannot sweep " + p, e);
                    }
                }
            });
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot sweep stale socket directories", e);
        }
    }

    /** Whether this JVM's control socket is open (for tests that count open sockets). */
    public static synchronized boolean isRunning() {
        return current != null;
    }

    /** Takes a reference to the server, starting it if needed. */
    public static synchronized ControlServer acquire() throws IOException {
        if (current == null) {
            current = new ControlServer();
        }
        users++;
        return current;
    }

    /** Gives a reference back; the last one closes the socket and removes its directory. */
    public void release() {
        synchronized (ControlServer.class) {
            if (current != this || --users > 0) {
                return;
            }
            current = null;
        }
        try {
            server.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the control socket", e);
        }
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot remove the control socket directory " + directory, e);
        }
    }

    public Path socketPath() {
        return socket;
    }

    /** Announces a child that will connect with this id and secret. */
    public void expect(long childId, byte[] secret, Consumer<Accepted> onConnected) {
        pending.put(childId, new Pending(secret.clone(), onConnected));
    }

    /**
     * Forgets a child that will not connect (it died, or it was handled).
     *
     * @return false when its connection was already taken by a handshake, which then calls back
     */
    public boolean forget(long childId) {
        return pending.remove(childId) != null;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                if (!server.isOpen()) {
                    return; // closed by release()
                }
                // e.g. too many open files: children keep waiting in the backlog, so keep accepting
                LOG.log(System.Logger.Level.WARNING, "accepting a child's connection failed; retrying", e);
                pause();
                continue;
            }
            try {
                Thread handshake = new Thread(() -> handshake(channel), "mp4j-channel");
                handshake.setDaemon(true);
                handshake.start();
            } catch (RuntimeException | OutOfMemoryError e) {
                LOG.log(System.Logger.Level.WARNING, "cannot start a thread for a child's connection", e);
                try {
                    channel.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handshake(SocketChannel channel) {
        Connection connection = new Connection(channel);
        try {
            Frame hello = connection.read();
            if (hello == null || hello.type() != Frame.HELLO) {
                connection.close();
                return;
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(hello.payload()));
            long childId = in.readLong();
            byte[] secret = in.readNBytes(in.readInt());
            long pid = in.readLong();
            Pending expected = pending.remove(childId);
            if (expected == null || !MessageDigest.isEqual(expected.secret(), secret)) {
                LOG.log(System.Logger.Level.WARNING, "refused a connection that did not prove a child's secret");
                connection.close();
                return;
            }
            expected.onConnected().accept(new Accepted(connection, pid));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "a child's connection failed during the handshake", e);
            connection.close();
        }
    }
}

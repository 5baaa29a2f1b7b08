package io.github.multiprocessing4j.internal.wire;

import io.github.multiprocessing4j.internal.watch.Liveness;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A listening socket where children call back: a Unix domain socket in a fresh directory that only this user can
 * enter (0700), named {@code mp4j-<pid>-*}. A connection counts only after it proves a per-child secret in its
 * first frame ({@link Hello}); anything else is closed. Opened and closed by {@link ControlSocket}.
 *
 * <p>Threads: one thread accepts connections and reads their handshakes ({@link Handshakes}); each proven child's
 * session then runs on a thread of its own.
 */
final class ControlServer {
    private static final System.Logger LOG = System.getLogger(ControlServer.class.getName());
    private static final String PREFIX = "mp4j-";
    /** A spray of bad handshakes is reported once in this long, with its count, not once per connection. */
    private static final long WARN_EVERY_NANOS = 10_000_000_000L;

    private final Path directory;
    private final Path socket;
    private final ServerSocketChannel server;
    private final Handshakes handshakes;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong();
    private volatile long lastWarning = System.nanoTime() - WARN_EVERY_NANOS;

    private record Pending(byte[] secret, Consumer<Accepted> onConnected) {
    }

    /** A proven connection from a child. */
    record Accepted(FramedSocket socket, long pid) {
    }

    ControlServer() throws IOException {
        Path base = baseDirectory();
        directory = Files.createTempDirectory(base, PREFIX + Liveness.selfPid() + "-",
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
        try {
            // the directory is the guard (0700); the socket file itself is private too
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot restrict the control socket file", e);
        }
        server = channel;
        try {
            handshakes = new Handshakes(channel, this::onHello);
        } catch (IOException e) {
            channel.close();
            Files.deleteIfExists(socket);
            Files.deleteIfExists(directory);
            throw e;
        }
        Thread acceptor = new Thread(handshakes, "mp4j-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Where the socket directories go: $XDG_RUNTIME_DIR, else java.io.tmpdir when short enough, else /tmp. */
    static Path baseDirectory() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && Files.isDirectory(Paths.get(runtime)) && Files.isWritable(Paths.get(runtime))) {
            return Paths.get(runtime);
        }
        Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
        // a Unix socket path is limited to about 107 bytes
        return tmp.toAbsolutePath().toString().length() <= 80 ? tmp : Paths.get("/tmp");
    }

    /**
     * Removes the socket directories of JVMs that died without cleaning up (e.g. killed with SIGKILL).
     *
     * @return how many were removed
     */
    static int sweepStale() {
        int swept = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(baseDirectory(), PREFIX + "*")) {
            for (Path dir : entries) {
                long pid = ownerPid(dir.getFileName().toString());
                if (pid > 0 && !Liveness.isAlive(pid) && Files.isDirectory(dir)) {
                    Files.deleteIfExists(dir.resolve("s"));
                    swept += Files.deleteIfExists(dir) ? 1 : 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot sweep stale socket directories", e);
        }
        return swept;
    }

    private static long ownerPid(String name) {
        int end = name.indexOf('-', PREFIX.length());
        try {
            return end < 0 ? -1 : Long.parseLong(name.substring(PREFIX.length(), end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    Path socketPath() {
        return socket;
    }

    /** Closes the socket and removes its directory. */
    void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the control socket", e);
        }
        handshakes.wakeup();
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot remove the control socket directory " + directory, e);
        }
    }

    /** Announces a child that will connect with this id and secret. */
    void expect(long childId, byte[] secret, Consumer<Accepted> onConnected) {
        pending.put(childId, new Pending(secret.clone(), onConnected));
    }

    /**
     * Forgets a child that will not connect (it died, or it was handled).
     *
     * @return false when its connection was already taken by a handshake, which then calls back
     */
    boolean forget(long childId) {
        return pending.remove(childId) != null;
    }

    private void warnRefused() {
        long count = refused.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastWarning >= WARN_EVERY_NANOS) {
            lastWarning = now;
            refused.addAndGet(-count);
            LOG.log(System.Logger.Level.WARNING, "refused connections that did not prove a child's secret: count="
                    + count + ", socket=" + socket);
        }
    }

    /** A connection whose HELLO arrived whole: it counts only if it proves an expected child's secret. */
    private void onHello(SocketChannel channel, Hello hello) {
        Pending expected = pending.get(hello.childId());
        // removed only once the secret matched: a wrong guess must not cost the real child its channel
        if (expected == null || !MessageDigest.isEqual(expected.secret(), hello.secret())
                || !pending.remove(hello.childId(), expected)) {
            warnRefused();
            try {
                channel.close();
            } catch (IOException e) {
                // refused either way
            }
            return;
        }
        FramedSocket connection = new FramedSocket(channel);
        Thread session = new Thread(() -> {
            try {
                expected.onConnected().accept(new Accepted(connection, hello.pid()));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a child's session failed", e);
                connection.close();
            }
        }, "mp4j-channel");
        session.setDaemon(true);
        session.start();
    }
}

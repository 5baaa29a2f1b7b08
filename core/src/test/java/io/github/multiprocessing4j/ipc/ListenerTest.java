package io.github.multiprocessing4j.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.exception.AuthenticationException;
import io.github.multiprocessing4j.exception.PeerGoneException;
import io.github.multiprocessing4j.exception.SerializationFailedException;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.example.mp4jtest.Tripwire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class ListenerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final byte[] KEY = "secret key".getBytes(StandardCharsets.UTF_8);

    static SocketAddress address(String where) {
        return where.startsWith("/") ? UnixDomainSocketAddress.of(where)
                : new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(where));
    }

    static String where(SocketAddress address) {
        return address instanceof UnixDomainSocketAddress
                ? ((UnixDomainSocketAddress) address).getPath().toString()
                : Integer.toString(((InetSocketAddress) address).getPort());
    }

    /** A child that connects, echoes objects back until "bye", and sends a raw greeting first. */
    static void echoClient(String where, byte[] key) throws InterruptedException {
        try (Connection conn = key == null ? Client.connect(address(where)) : Client.connect(address(where), key)) {
            conn.sendBytes("hello".getBytes(StandardCharsets.UTF_8));
            while (true) {
                Object message = conn.recv();
                if ("bye".equals(message)) {
                    return;
                }
                conn.send(message);
            }
        }
    }

    static void holdConnection(Connection conn) {
        conn.close();
    }

    /** A child that must be refused: exits 0 only when its own side saw the authentication fail. */
    static void refusedClient(String where, byte[] key) {
        try {
            Client.connect(address(where), key).close();
        } catch (AuthenticationException e) {
            return;
        }
        throw new IllegalStateException("a wrong key was accepted");
    }

    private static void echoBothWays(Listener listener, Process child) throws Exception {
        child.start();
        try (Connection conn = listener.accept()) {
            assertThat(new String(conn.recvBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
            conn.send(Map.of("k", List.of(1.5, "x")));
            assertThat(conn.recv()).isEqualTo(Map.of("k", List.of(1.5, "x")));
            conn.sendBytes(new byte[] {1, 2, 3, 4, 5}, 1, 3);
            assertThat((byte[]) conn.recv()).containsExactly(2, 3, 4);
            assertThat(Connection.wait(List.of(conn), Duration.ofMillis(50))).isEmpty();
            conn.send(7);
            assertThat(Connection.wait(List.of(conn), WAIT)).containsExactly(conn);
            assertThat(conn.recv()).isEqualTo(7);
            conn.send("bye");
            assertThat(child.join(WAIT)).isTrue();
            assertThat(child.exitCode()).hasValue(0);
            assertThat(conn.poll(WAIT)).isTrue();
            assertThatThrownBy(conn::recv).isInstanceOf(PeerGoneException.class)
                    .hasMessageStartingWith("the other end of the connection is gone");
        }
    }

    @Test
    void shouldSendAndReceiveBothWaysOverAPrivateUnixSocketWithTheInheritedKey() throws Exception {
        Path file;
        try (Listener listener = new Listener()) {
            file = ((UnixDomainSocketAddress) listener.address()).getPath();
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
            echoBothWays(listener, new Process(ListenerTest::echoClient, where(listener.address()), (byte[]) null));
        }
        assertThat(file).doesNotExist();
        assertThat(file.getParent()).doesNotExist();
    }

    @Test
    void shouldSendAndReceiveBothWaysOverTcpWithAnAuthkey() throws Exception {
        try (Listener listener = new Listener(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), KEY)) {
            echoBothWays(listener, new Process(ListenerTest::echoClient, where(listener.address()), KEY));
        }
    }

    @Test
    void shouldRefuseAWrongKeyOnBothSides() throws Exception {
        for (SocketAddress address : List.<SocketAddress>of(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                0), UnixDomainSocketAddress.of(Files.createTempDirectory("mp4jtest").resolve("s")))) {
            try (Listener listener = new Listener(address, KEY)) {
                Process child = new Process(ListenerTest::refusedClient, where(listener.address()),
                        "wrong".getBytes(StandardCharsets.UTF_8));
                child.start();
                assertThatThrownBy(listener::accept).isInstanceOf(AuthenticationException.class)
                        .hasMessageContaining("the peer did not prove the authkey");
                assertThat(child.join(WAIT)).isTrue();
                assertThat(child.exitCode()).hasValue(0);
            }
            if (address instanceof UnixDomainSocketAddress) {
                Path file = ((UnixDomainSocketAddress) address).getPath();
                assertThat(file).doesNotExist();
                Files.delete(file.getParent());
            }
        }
    }

    @Test
    void shouldRefuseAnObjectSentBeforeAuthenticatingWithoutDecodingIt() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new Tripwire());
        }
        byte[] payload = bytes.toByteArray();
        try (Listener listener = new Listener(null, KEY);
                SocketChannel raw = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            raw.connect(listener.address());
            ByteBuffer frame = ByteBuffer.allocate(5 + payload.length);
            frame.putInt(payload.length).put((byte) 29).put(payload).flip(); // a MESSAGE frame, no handshake
            raw.write(frame);
            assertThatThrownBy(listener::accept).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("did not follow the authentication protocol");
            assertThat(Tripwire.DECODED).isFalse();
            // and the listener still serves a client with the right key
            Process child = new Process(ListenerTest::echoClient, where(listener.address()), KEY);
            child.start();
            try (Connection conn = listener.accept()) {
                assertThat(conn.recvBytes()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
                conn.send("bye");
            }
            assertThat(child.join(WAIT)).isTrue();
        }
    }

    @Test
    void shouldRefuseToSendASocketConnectionToAnotherProcess() throws Exception {
        try (Listener listener = new Listener()) {
            Process child = new Process(ListenerTest::echoClient, where(listener.address()), (byte[]) null);
            child.start();
            try (Connection conn = listener.accept()) {
                assertThatThrownBy(() -> new Process(ListenerTest::holdConnection, conn).start()).isInstanceOf(SerializationFailedException.class)
                        .hasMessageContaining("a socket connection cannot be sent to another process");
                assertThatThrownBy(() -> conn.send(conn)).isInstanceOf(SerializationFailedException.class);
                conn.recvBytes();
                conn.send("bye");
            }
            assertThat(child.join(WAIT)).isTrue();
        }
    }

    @Test
    void shouldWaitOnAListenerUntilAClientConnectsAndThenAcceptWithoutBlocking() throws Exception {
        Listener listener = new Listener();
        try (listener) {
            Process child = new Process(ListenerTest::echoClient, where(listener.address()), (byte[]) null);
            assertThat(Connection.wait(List.of(listener), Duration.ZERO)).isEmpty();
            assertThat(Connection.wait(List.of(listener), Duration.ofMillis(50))).isEmpty();
            child.start();
            // the listener becomes ready before the child ends (it waits for "bye"), and is reported alone
            assertThat(Connection.wait(List.of(listener, child), WAIT)).containsExactly(listener);
            assertThat(Connection.wait(List.of(listener), Duration.ZERO)).containsExactly(listener);
            try (Connection conn = listener.accept()) {
                assertThat(conn.recvBytes()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
                assertThat(Connection.wait(List.of(listener, conn), Duration.ofMillis(50))).isEmpty();
                conn.send("bye");
                assertThat(Connection.wait(List.of(listener, child), WAIT)).containsExactly(child);
            }
        }
        assertThatThrownBy(() -> Connection.wait(List.of(listener), Duration.ZERO))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("cannot wait on a closed listener");
    }

    @Test
    void shouldReleaseAThreadBlockedInAcceptWhenTheListenerCloses() throws Exception {
        Listener listener = new Listener(null, KEY);
        java.util.concurrent.CompletableFuture<Throwable> failure = new java.util.concurrent.CompletableFuture<>();
        Thread acceptor = new Thread(() -> {
            try {
                listener.accept().close();
                failure.complete(null);
            } catch (RuntimeException e) {
                failure.complete(e);
            }
        });
        acceptor.start();
        assertThat(Connection.wait(List.of(listener), Duration.ofMillis(100))).isEmpty();
        listener.close();
        assertThat(failure.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("the listener is closed");
        acceptor.join(WAIT.toMillis());
    }

    @Test
    void shouldRejectBadArgumentsClearly() {
        assertThatThrownBy(() -> new Listener(null, new byte[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("an authkey must not be empty");
        assertThatThrownBy(() -> Client.connect(UnixDomainSocketAddress.of("/nonexistent/mp4j/s"), KEY))
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageStartingWith("cannot connect");
    }
}

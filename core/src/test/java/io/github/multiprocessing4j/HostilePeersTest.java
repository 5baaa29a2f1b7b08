package io.github.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.internal.wire.FrameType;
import io.github.multiprocessing4j.internal.wire.Hello;
import io.github.multiprocessing4j.pool.Pool;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Anyone who can reach the control socket must not hurt the children: idle connections cost no thread, a
 * connection that claims a huge first frame is dropped before anything is allocated for it, and a spray of
 * handshakes with guessed child ids and wrong secrets costs no child its channel.
 */
class HostilePeersTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    static void sleep() throws InterruptedException {
        Thread.sleep(120_000);
    }

    static void nothing() {
        // a child that ends at once
    }

    @Test
    void shouldSurviveIdleConnectionsHugeClaimsAndWrongSecrets() throws Exception {
        // the library warns about the refused peers: kept here, checked below, not printed on the build's console
        Logger wire = Logger.getLogger("io.github.multiprocessing4j.internal.wire");
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        wire.addHandler(capture);
        wire.setUseParentHandlers(false);
        try {
            withHostilePeers();
        } finally {
            wire.removeHandler(capture);
            wire.setUseParentHandlers(true);
        }
        assertThat(logged).allSatisfy(r -> assertThat(r.getLevel()).isIn(Level.WARNING, Level.FINE));
    }

    private static void withHostilePeers() throws Exception {
        Process holder = new Process(HostilePeersTest::sleep).startMethod(StartMethod.SPAWN);
        holder.start();
        List<SocketChannel> peers = new ArrayList<>();
        try {
            Path socket = controlSocket();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
            int threadsBefore = Thread.getAllStackTraces().size();
            for (int i = 0; i < 300; i++) {
                peers.add(connect(socket));
            }
            SocketChannel huge = connect(socket);
            huge.write(ByteBuffer.wrap(new byte[] {0x40, 0, 0, 0, FrameType.HELLO.tag()}));
            for (long id = 1; id <= 200; id++) {
                SocketChannel guess = connect(socket);
                peers.add(guess);
                byte[] hello = new Hello(id, new byte[32], 1).toFrame().payload();
                ByteBuffer frame = ByteBuffer.allocate(5 + hello.length).putInt(hello.length)
                        .put(FrameType.HELLO.tag()).put(hello).flip();
                guess.write(frame);
            }
            assertThat(huge.read(ByteBuffer.allocate(1))).as("the huge claim is refused").isEqualTo(-1);
            huge.close();
            assertThat(Thread.getAllStackTraces().size() - threadsBefore)
                    .as("threads for 500 unproven connections").isLessThan(50);

            List<Process> children = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Process p = new Process(HostilePeersTest::nothing)
                        .startMethod(i % 2 == 0 ? StartMethod.SPAWN : StartMethod.WARM);
                p.start();
                children.add(p);
            }
            try (Pool pool = new Pool(2)) {
                assertThat(pool.map((Integer x) -> x * 2, List.of(1, 2, 3))).containsExactly(2, 4, 6);
            }
            for (Process p : children) {
                assertThat(p.join(WAIT)).as("%s ends", p).isTrue();
                assertThat(p.exitCode()).as("%s", p).hasValue(0);
            }
        } finally {
            for (SocketChannel peer : peers) {
                peer.close();
            }
            holder.kill();
            holder.join(WAIT);
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(240)
    void shouldStartAPoolAndLeaveUsableSparesWhileWrongSecretsAreSprayed() throws Exception {
        // the library warns about the refused peers (once per 10 s): not printed on the build's console
        Logger wire = Logger.getLogger("io.github.multiprocessing4j.internal.wire");
        boolean parents = wire.getUseParentHandlers();
        wire.setUseParentHandlers(false);
        try {
            poolAndSparesUnderSpray();
        } finally {
            wire.setUseParentHandlers(parents);
        }
    }

    private void poolAndSparesUnderSpray() throws Exception {
        Process first = new Process(HostilePeersTest::nothing).startMethod(StartMethod.WARM);
        first.start(); // from now on this JVM keeps spares, which boot and connect during the spray
        assertThat(first.join(WAIT)).isTrue();
        Path socket = controlSocket();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger sprayed = new AtomicInteger();
        CompletableFuture<Void> spray = CompletableFuture.runAsync(() -> {
            byte[] secret = new byte[32];
            while (!stop.get()) {
                // every child id this JVM has given or will soon give, with a wrong secret
                for (long id = 1; id <= 300 && !stop.get(); id++) {
                    try (SocketChannel guess = connect(socket)) {
                        byte[] hello = new Hello(id, secret, 1).toFrame().payload();
                        guess.write(ByteBuffer.allocate(5 + hello.length).putInt(hello.length)
                                .put(FrameType.HELLO.tag()).put(hello).flip());
                        sprayed.incrementAndGet();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    // about a thousand a second: a spray, not a contest for the 2 cores the children boot on
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
            }
        });
        List<Long> spares;
        try {
            await().atMost(WAIT).until(() -> sprayed.get() >= 100);
            try (Pool pool = new Pool(2)) {
                assertThat(pool.mapAsync((Integer x) -> x * 2, List.of(1, 2, 3)).get(WAIT)).containsExactly(2, 4, 6);
                // replacements started during the spray too
                long victim = pool.workerPids().get(0);
                ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
                await().atMost(WAIT).until(() -> pool.workerPids().size() == 2 && !pool.workerPids().contains(victim));
                assertThat(pool.mapAsync((Integer x) -> x + 1, List.of(1, 2, 3, 4, 5, 6)).get(WAIT))
                        .containsExactly(2, 3, 4, 5, 6, 7);
            }
            await().atMost(WAIT).until(() -> !JvmRuntime.get().snapshot().readySpares().isEmpty());
        } finally {
            stop.set(true);
            spray.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        System.out.println("wrong-secret handshakes sprayed: " + sprayed.get());
        // no spare was poisoned: each one there after the spray runs a process to its end
        spares = JvmRuntime.get().snapshot().spares();
        Set<Long> used = new HashSet<>();
        for (int i = 0; i < spares.size() + 4 && !used.containsAll(spares); i++) {
            Process p = new Process(HostilePeersTest::nothing).startMethod(StartMethod.WARM);
            p.start();
            assertThat(p.join(WAIT)).as("%s ends", p).isTrue();
            assertThat(p.exitCode()).as("%s", p).hasValue(0);
            used.add(p.pid());
        }
        assertThat(used).as("spares of the spray, each used by a process").containsAll(spares);
    }

    private static SocketChannel connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        return channel;
    }

    /** This JVM's control socket: {@code mp4j-<pid>-*}/s in its socket base directory. */
    private static Path controlSocket() {
        String prefix = "mp4j-" + ProcessHandle.current().pid() + "-";
        return LeakCheck.leakableFiles().stream()
                .filter(f -> f.getFileName().toString().startsWith(prefix) && Files.isDirectory(f))
                .map(f -> f.resolve("s")).filter(Files::exists).findFirst().orElseThrow();
    }

}

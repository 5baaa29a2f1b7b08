package io.github.multiprocessing4j.internal.child;

import io.github.multiprocessing4j.internal.wire.Boot;
import io.github.multiprocessing4j.internal.wire.Connection;
import io.github.multiprocessing4j.internal.wire.Frame;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Paths;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The child's socket to its parent, opened on a background thread while the task is being read (opening the
 * first Unix socket of a fresh JVM costs tens of milliseconds), then proven with the secret from the boot frame.
 * Sends never throw: when the parent is gone there is no one left to tell.
 */
final class ParentLink {
    private static final long CONNECT_WAIT_SECONDS = 10;
    private final CompletableFuture<Connection> connection = new CompletableFuture<>();

    private ParentLink() {
    }

    static ParentLink connectAsync(Boot boot) {
        ParentLink link = new ParentLink();
        Thread connector = new Thread(() -> link.connect(boot), "mp4j-connect");
        connector.setDaemon(true);
        connector.start();
        return link;
    }

    private void connect(Boot boot) {
        try {
            Connection c = Connection.connect(Paths.get(boot.socketPath()));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeLong(boot.childId());
            out.writeInt(boot.secret().length);
            out.write(boot.secret());
            out.writeLong(ProcessHandle.current().pid());
            c.write(Frame.HELLO, bytes.toByteArray());
            connection.complete(c);
        } catch (IOException | RuntimeException e) {
            connection.completeExceptionally(e);
        }
    }

    /**
     * Sends the exit report and waits, at most {@code millis}, for the parent to confirm it read it, so that the
     * parent has the report before it sees this process end.
     */
    void sendAwaitingAck(byte type, byte[] payload, long millis) {
        Connection c;
        try {
            c = connection.get(CONNECT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(millis);
                c.close(); // wakes the read below
            } catch (InterruptedException e) {
                // acknowledged in time
            }
        }, "mp4j-exit-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            c.write(type, payload);
            c.read();
        } catch (IOException e) {
            // no answer: the parent is gone, or too slow; end anyway
        } finally {
            watchdog.interrupt();
            c.close(); // leaves no thread of this JVM blocked on the socket
        }
    }

    void send(byte type, byte[] payload) {
        try {
            connection.get(CONNECT_WAIT_SECONDS, TimeUnit.SECONDS).write(type, payload);
        } catch (IOException | ExecutionException | TimeoutException e) {
            // the parent is gone or never answered: nobody is left to tell
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

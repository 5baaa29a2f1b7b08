package io.github.multiprocessing4j.internal.child;

import io.github.multiprocessing4j.internal.wire.Boot;
import io.github.multiprocessing4j.internal.wire.Frame;
import io.github.multiprocessing4j.internal.wire.FrameType;
import io.github.multiprocessing4j.internal.wire.FramedSocket;
import io.github.multiprocessing4j.internal.wire.Hello;
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
    private final CompletableFuture<FramedSocket> connection = new CompletableFuture<>();
    private final CompletableFuture<Void> welcomed = new CompletableFuture<>();

    private ParentLink() {
    }

    static ParentLink connectAsync(Boot boot) {
        ParentLink link = new ParentLink();
        Thread connector = new Thread("mp4j-connect") {
            @Override
            public void run() {
                link.connect(boot); // not a lambda: see ExitReporter
            }
        };
        connector.setDaemon(true);
        connector.start();
        return link;
    }

    private void connect(Boot boot) {
        try {
            FramedSocket c = FramedSocket.connect(Paths.get(boot.socketPath()));
            c.write(new Hello(boot.childId(), boot.secret(), ProcessHandle.current().pid()).toFrame());
            connection.complete(c);
            // the one frame the parent sends on the socket; this thread then ends, leaving no reader blocked
            Frame welcome = c.read();
            if (welcome != null && welcome.type() == FrameType.WELCOME) {
                welcomed.complete(null);
            } else {
                welcomed.completeExceptionally(new IOException("the parent closed the socket"));
            }
        } catch (IOException | RuntimeException e) {
            connection.completeExceptionally(e);
            welcomed.completeExceptionally(e);
        }
    }

    /**
     * Sends a frame once the parent has welcomed this child (at most {@code millis} later): from then on, the
     * parent reads everything sent before it sees this process end. For the exit report.
     */
    void sendWelcomed(Frame frame, long millis) {
        try {
            welcomed.get(millis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // no welcome: send anyway, the parent may still read it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        send(frame);
    }

    void send(Frame frame) {
        try {
            connection.get(CONNECT_WAIT_SECONDS, TimeUnit.SECONDS).write(frame);
        } catch (IOException | ExecutionException | TimeoutException e) {
            // the parent is gone or never answered: nobody is left to tell
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.github.multiprocessing4j.internal.process;

import io.github.multiprocessing4j.ProcessStartException;
import io.github.multiprocessing4j.internal.child.ProcessContext;
import io.github.multiprocessing4j.internal.codec.AllowList;
import io.github.multiprocessing4j.internal.codec.ThrowableData;
import io.github.multiprocessing4j.internal.spawn.ChildCommand;
import io.github.multiprocessing4j.internal.spawn.InheritedJvm;
import io.github.multiprocessing4j.internal.spawn.OutputPump;
import io.github.multiprocessing4j.internal.wire.Boot;
import io.github.multiprocessing4j.internal.wire.Connection;
import io.github.multiprocessing4j.internal.wire.ControlServer;
import io.github.multiprocessing4j.internal.wire.Frame;
import io.github.multiprocessing4j.internal.wire.FrameWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The parent's side of one running child JVM: the operating-system process, its stdin (where the boot frame and
 * the task go, and whose end tells the child the parent died), and the socket the child reports on.
 *
 * <p>The child's end is noticed by the JDK's process reaper; its exit code is then computed as Python reports it
 * (0, 1, n, or -N for a signal), using the child's own report of how it ended when it got one.
 */
public final class ChildHandle {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong IDS = new AtomicLong();
    private static final Executor FINISHER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mp4j-reaper");
        t.setDaemon(true);
        return t;
    });
    /** How long to wait for a child's socket after it died without having connected. */
    private static final long LATE_CONNECT_MILLIS = 250;

    private final LaunchRequest request;
    private final long childId = IDS.incrementAndGet();
    private final ControlServer server;
    private final CountDownLatch connected = new CountDownLatch(1);
    private final CountDownLatch readerDone = new CountDownLatch(1);
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private java.lang.Process os;
    private FrameWriter stdin;
    private OutputPump outPump;
    private OutputPump errPump;
    private OutputPump.StringBuilderSink outCapture;
    private OutputPump.StringBuilderSink errCapture;
    private volatile Throwable exception;
    private volatile long reportedPid = -1;
    private volatile int exitKind = -1;
    private volatile int exitSignal;

    private ChildHandle(LaunchRequest request, ControlServer server) {
        this.request = request;
        this.server = server;
    }

    /**
     * Starts a child JVM and hands it its task.
     *
     * @throws ProcessStartException when the JVM cannot be started; nothing is left behind then
     */
    public static ChildHandle launch(LaunchRequest request) {
        ControlServer server;
        try {
            server = ControlServer.acquire();
        } catch (IOException e) {
            throw new ProcessStartException("cannot open the control socket: " + e.getMessage(), e);
        }
        ChildHandle handle = new ChildHandle(request, server);
        try {
            handle.start();
        } catch (RuntimeException e) {
            server.forget(handle.childId);
            server.release();
            throw e;
        }
        ChildRegistry.add(handle);
        return handle;
    }

    private void start() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        server.expect(childId, secret, this::onConnected);
        String classPath = InheritedJvm.classPath(request.classLoaders());
        ProcessBuilder builder = new ProcessBuilder(ChildCommand.build(request.javaBinary(), request.jvmOptions(),
                classPath));
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.redirectOutput(request.stdout().redirect());
        builder.redirectError(request.stderr().redirect());
        if (request.directory() != null) {
            builder.directory(request.directory().toFile());
        }
        Map<String, String> env = builder.environment();
        request.environment().forEach((k, v) -> {
            if (v == null) {
                env.remove(k);
            } else {
                env.put(k, v);
            }
        });
        try {
            os = builder.start();
        } catch (IOException e) {
            throw new ProcessStartException("cannot start the child JVM: name=" + request.name() + ", java="
                    + request.javaBinary() + ", error=" + e.getMessage(), e);
        }
        startPumps();
        stdin = new FrameWriter(os.getOutputStream());
        Boot boot = new Boot(childId, secret, server.socketPath().toString(), request.name(), request.daemon(),
                request.identity(), ProcessHandle.current().pid(), ProcessContext.name(),
                AllowList.global().patterns());
        try {
            stdin.write(Frame.BOOT, boot.encode());
            stdin.write(Frame.TASK, request.task());
        } catch (IOException e) {
            // the child died at once (e.g. a bad JVM option); its exit is reported like any other
        }
        os.onExit().thenRunAsync(this::finish, FINISHER);
    }

    private void startPumps() {
        StreamSpec out = request.stdout();
        StreamSpec err = request.stderr();
        if (out.redirect() == ProcessBuilder.Redirect.PIPE) {
            outCapture = out.capture() ? new OutputPump.StringBuilderSink(StreamSpec.CAPTURE_LIMIT) : null;
            outPump = new OutputPump(os.getInputStream(), false, out.forward(), outCapture, "mp4j-stdout-" + os.pid());
        }
        if (err.redirect() == ProcessBuilder.Redirect.PIPE) {
            errCapture = err.capture() ? new OutputPump.StringBuilderSink(StreamSpec.CAPTURE_LIMIT) : null;
            errPump = new OutputPump(os.getErrorStream(), true, err.forward(), errCapture, "mp4j-stderr-" + os.pid());
        }
    }

    private void onConnected(ControlServer.Accepted accepted) {
        reportedPid = accepted.pid();
        connected.countDown();
        Connection connection = accepted.connection();
        try (connection) {
            Frame frame;
            while ((frame = connection.read()) != null) {
                if (frame.type() == Frame.EXCEPTION) {
                    exception = ThrowableData.decode(frame.payload(), AllowList.global());
                } else if (frame.type() == Frame.EXIT) {
                    ByteBuffer b = ByteBuffer.wrap(frame.payload());
                    exitKind = b.get();
                    exitSignal = b.getInt();
                } else if (request.listener() != null) {
                    request.listener().accept(frame);
                }
            }
        } catch (IOException e) {
            // the child died while writing: what it sent whole is kept
        } finally {
            readerDone.countDown();
        }
    }

    private void finish() {
        try {
            if (connected.await(LATE_CONNECT_MILLIS, TimeUnit.MILLISECONDS)) {
                readerDone.await(5, TimeUnit.SECONDS);
            } else {
                server.forget(childId);
            }
            if (outPump != null) {
                outPump.await(2000);
            }
            if (errPump != null) {
                errPump.await(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            stdin.close();
        } catch (IOException e) {
            // the child is gone; its pipe may be broken already
        }
        server.release();
        ChildRegistry.remove(this);
        exitCode.complete(computeExitCode(os.exitValue()));
    }

    private int computeExitCode(int raw) {
        if (exitKind == 3) {
            return -exitSignal; // the child caught a signal and said so
        }
        if (exitKind >= 0) {
            return raw;
        }
        // no report: the JDK gives 128+N for a child killed by signal N
        return raw > 128 && raw <= 128 + 64 ? -(raw - 128) : raw;
    }

    public long pid() {
        return os.pid();
    }

    public String name() {
        return request.name();
    }

    public boolean isDaemon() {
        return request.daemon();
    }

    public io.github.multiprocessing4j.Process owner() {
        return request.owner();
    }

    /** Completes with the Python-style exit code once the child is gone and its reports are read. */
    public CompletableFuture<Integer> exitCode() {
        return exitCode;
    }

    /** The exception the child's target threw, once known. */
    public Throwable exception() {
        return exception;
    }

    /**
     * Sends a frame to the child's stdin (after its task).
     *
     * @throws IOException when the child is gone
     */
    public void send(byte type, byte[] payload) throws IOException {
        stdin.write(type, payload);
    }

    /** Whether the child has proven itself on the control socket. */
    public boolean isConnected() {
        return connected.getCount() == 0;
    }

    /** SIGTERM. */
    public void terminate() {
        os.destroy();
    }

    /** SIGKILL. */
    public void kill() {
        os.destroyForcibly();
    }

    /** What the child wrote on stdout when captured, else null. */
    public String capturedOutput() {
        return outCapture == null ? null : outCapture.toString();
    }

    /** What the child wrote on stderr when captured, else null. */
    public String capturedError() {
        return errCapture == null ? null : errCapture.toString();
    }
}

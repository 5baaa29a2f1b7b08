package io.github.multiprocessing4j.internal.process;

import io.github.multiprocessing4j.exception.ProcessStartException;
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
import io.github.multiprocessing4j.internal.spawn.ClassDataArchive;
import java.util.ArrayList;
import java.util.List;
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
    private static final System.Logger LOG = System.getLogger(ChildHandle.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong IDS = new AtomicLong();
    private static final Executor FINISHER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mp4j-reaper");
        t.setDaemon(true);
        return t;
    });
    /**
     * How long to wait for a child's socket after it died without having connected. A child that ends by itself
     * first waits (briefly) for its WELCOME, so only a child killed between its start and its connection ends
     * unconnected.
     */
    private static final long LATE_CONNECT_MILLIS = 100;

    private final long childId = IDS.incrementAndGet();
    private final byte[] secret = new byte[32];
    private final ControlServer server;
    private final CountDownLatch connected = new CountDownLatch(1);
    private final CountDownLatch readerDone = new CountDownLatch(1);
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private volatile LaunchRequest request;
    private java.lang.Process os;
    private FrameWriter stdin;
    private OutputPump outPump;
    private OutputPump errPump;
    private OutputPump.StringBuilderSink outCapture;
    private OutputPump.StringBuilderSink errCapture;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile Throwable exception;
    private volatile long reportedPid = -1;
    private volatile int exitKind = -1;
    private volatile int exitSignal;
    private volatile boolean killed;

    private ChildHandle(ControlServer server) {
        this.server = server;
        RANDOM.nextBytes(secret);
    }

    /**
     * Starts a fresh child JVM for a request and hands it its task.
     *
     * @throws ProcessStartException when the JVM cannot be started; nothing is left behind then
     */
    public static ChildHandle launch(LaunchRequest request) {
        ChildRegistry.checkNotExiting();
        String classPath = InheritedJvm.classPath(request.classLoaders());
        ArchiveTrainer.ensure(request.javaBinary(), classPath);
        List<String> options = new ArrayList<>(ClassDataArchive.options(request.javaBinary(), classPath));
        options.addAll(request.jvmOptions());
        ChildHandle handle = new ChildHandle(acquireServer());
        handle.request = request;
        byte[] frames;
        try {
            // before the JVM starts: what fails here leaves nothing behind
            frames = bootAndTask(handle.boot(request).encode(), request.task());
            ProcessBuilder builder = handle.builder(request.javaBinary(), options, classPath);
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
            handle.startJvm(builder, request.name(), request.javaBinary());
        } catch (RuntimeException e) {
            handle.server.forget(handle.childId);
            handle.server.release();
            throw e;
        }
        try {
            handle.startPumps();
        } catch (RuntimeException | Error e) {
            handle.kill(); // a child that never gets its task would wait on its stdin for ever
            handle.server.forget(handle.childId);
            handle.server.release();
            throw e;
        }
        handle.watchExit();
        ChildRegistry.add(handle);
        try {
            handle.stdin.writeRaw(frames);
        } catch (IOException e) {
            // the child died at once (e.g. killed); its exit is reported like any other
        }
        return handle;
    }

    /**
     * Starts a spare JVM: started and connected ahead of need with the inherited options, class path, output and
     * environment, warmed up by decoding a sample task, waiting for {@link #assign}.
     *
     * @param classPath the class path
     * @param warmup an encoded Process the spare decodes (and does not run) to load the classes it will need
     * @param options JVM options (an archive to use, or to write)
     * @param quiet whether to discard its output (an archive trainer's JVM talks about its work)
     * @throws ProcessStartException when the JVM cannot be started
     */
    static ChildHandle spare(String classPath, byte[] warmup, List<String> options, boolean quiet) {
        ChildHandle handle = new ChildHandle(acquireServer());
        try {
            ProcessBuilder builder = handle.builder(InheritedJvm.javaBinary(), options, classPath);
            ProcessBuilder.Redirect output = quiet ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.INHERIT;
            builder.redirectOutput(output);
            builder.redirectError(output);
            handle.startJvm(builder, "spare", InheritedJvm.javaBinary());
            handle.watchExit();
        } catch (RuntimeException e) {
            handle.server.forget(handle.childId);
            handle.server.release();
            throw e;
        }
        try {
            Boot boot = new Boot(handle.childId, handle.secret, handle.server.socketPath().toString(), "spare",
                    false, new int[0], ProcessHandle.current().pid(), ProcessContext.name(),
                    AllowList.global().patterns());
            byte[] bootBytes = boot.encode();
            ByteBuffer payload = ByteBuffer.allocate(4 + bootBytes.length + warmup.length);
            payload.putInt(bootBytes.length).put(bootBytes).put(warmup);
            handle.stdin.write(Frame.SPARE, payload.array());
        } catch (IOException e) {
            // it died at once; the pool notices its exit
        } catch (RuntimeException | Error e) {
            handle.kill(); // never leave a JVM nobody knows about
            throw e;
        }
        return handle;
    }

    /**
     * Hands a spare its process.
     *
     * @return false if the spare is gone (the caller then starts a fresh JVM)
     */
    boolean assign(LaunchRequest assigned) {
        ChildRegistry.checkNotExiting();
        if (!os.isAlive()) {
            return false;
        }
        byte[] frames;
        try {
            frames = bootAndTask(boot(assigned).encode(), assigned.task());
        } catch (RuntimeException e) {
            retire(); // the spare is out of the pool already: do not leave it waiting
            throw e;
        }
        request = assigned;
        ChildRegistry.add(this);
        try {
            stdin.writeRaw(frames);
            return true;
        } catch (IOException e) {
            ChildRegistry.remove(this);
            request = null;
            return false;
        }
    }

    /** Ends a spare that is no longer wanted: the end of its stdin makes it exit. */
    void retire() {
        try {
            stdin.close();
        } catch (IOException e) {
            os.destroyForcibly();
        }
    }

    /** Whether a spare has warmed up and waits for its process. */
    boolean isReady() {
        return ready.isDone();
    }

    /** Completes when a spare has warmed up. */
    CompletableFuture<Void> ready() {
        return ready;
    }

    boolean isSpare() {
        return request == null;
    }

    private static ControlServer acquireServer() {
        try {
            return ControlServer.acquire();
        } catch (IOException e) {
            throw new ProcessStartException("cannot open the control socket: " + e.getMessage(), e);
        }
    }

    private ProcessBuilder builder(java.nio.file.Path javaBinary, List<String> options, String classPath) {
        server.expect(childId, secret, this::onConnected);
        ProcessBuilder builder = new ProcessBuilder(ChildCommand.build(javaBinary, options, classPath));
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        return builder;
    }

    private void startJvm(ProcessBuilder builder, String name, java.nio.file.Path javaBinary) {
        try {
            os = builder.start();
        } catch (IOException e) {
            throw new ProcessStartException("cannot start the child JVM: name=" + name + ", java=" + javaBinary
                    + ", error=" + e.getMessage(), e);
        }
        stdin = new FrameWriter(os.getOutputStream());
    }

    private void watchExit() {
        os.onExit().thenRunAsync(this::finish, FINISHER);
    }

    /** The boot frame then the task frame, as one buffer for one write. */
    private static byte[] bootAndTask(byte[] boot, byte[] task) {
        ByteBuffer both = ByteBuffer.allocate(10 + boot.length + task.length);
        both.putInt(boot.length).put(Frame.BOOT).put(boot).putInt(task.length).put(Frame.TASK).put(task);
        return both.array();
    }

    private Boot boot(LaunchRequest r) {
        return new Boot(childId, secret, server.socketPath().toString(), r.name(), r.daemon(), r.identity(),
                ProcessHandle.current().pid(), ProcessContext.name(), AllowList.global().patterns());
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
            connection.write(Frame.WELCOME, new byte[0]); // after the count-down: see Frame.WELCOME
            Frame frame;
            while ((frame = connection.read()) != null) {
                try {
                    handle(frame);
                } catch (RuntimeException e) {
                    // one bad frame (or a listener that threw) must not cost the reports that follow
                    LOG.log(System.Logger.Level.WARNING, "a frame from child " + name() + " failed", e);
                }
            }
        } catch (IOException e) {
            // the child died while writing: what it sent whole is kept
        } finally {
            readerDone.countDown();
        }
    }

    private void handle(Frame frame) throws IOException {
        if (frame.type() == Frame.EXCEPTION) {
            exception = ThrowableData.decode(frame.payload(), AllowList.global());
        } else if (frame.type() == Frame.READY) {
            ready.complete(null);
        } else if (frame.type() == Frame.EXIT) {
            ByteBuffer b = ByteBuffer.wrap(frame.payload());
            byte kind = b.get();
            exitSignal = b.getInt();
            exitKind = kind; // after the signal: computeExitCode reads the kind first
        } else if (request != null && request.listener() != null) {
            request.listener().accept(frame);
        }
    }

    private void finish() {
        try {
            boolean connectedInTime = connected.await(LATE_CONNECT_MILLIS, TimeUnit.MILLISECONDS);
            if (connectedInTime || !server.forget(childId)) {
                // connected, or a handshake has the connection already: read what the child sent, to its end
                connected.await(5, TimeUnit.SECONDS);
                readerDone.await(5, TimeUnit.SECONDS);
            }
            if (outPump != null) {
                outPump.await(2000);
            }
            if (errPump != null) {
                errPump.await(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // whatever happened above, join() must return
            ChildRegistry.remove(this);
            SparePool.forget(this);
            exitCode.complete(computeExitCode(os.exitValue()));
            server.release();
            closeStdin();
        }
    }

    private void closeStdin() {
        try {
            stdin.close();
        } catch (IOException e) {
            // the child is gone; its pipe may be broken already
        }
    }

    private int computeExitCode(int raw) {
        if (killed && raw == 128 + 9) {
            return -9; // SIGKILLed by us, even if it had begun an orderly exit
        }
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
        LaunchRequest r = request;
        return r == null ? "spare" : r.name();
    }

    public boolean isDaemon() {
        LaunchRequest r = request;
        return r == null || r.daemon();
    }

    public io.github.multiprocessing4j.Process owner() {
        LaunchRequest r = request;
        return r == null ? null : r.owner();
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
        killed = true;
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

package io.github.multiprocessing4j.internal.process;

import io.github.multiprocessing4j.internal.codec.AllowList;
import io.github.multiprocessing4j.internal.codec.ThrowableData;
import io.github.multiprocessing4j.internal.spawn.ChildJvm;
import io.github.multiprocessing4j.internal.wire.ChildSession;
import io.github.multiprocessing4j.internal.wire.Frame;
import io.github.multiprocessing4j.internal.wire.FrameType;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The parent's handle on one running child JVM. It composes the three parts of a child: the started JVM and its
 * output ({@link ChildJvm}, spawn), the socket session on which the child reports ({@link ChildSession}, wire),
 * and the watcher that turns its end into a Python exit code ({@link ExitWatcher}). Made by
 * {@link ChildLauncher}.
 *
 * <p>A spare JVM's handle has no request until it is {@linkplain ChildLauncher#assign assigned} one.
 *
 * <p>Thread-safe. Nothing blocks; {@link #exitCode()} completes within a bounded time after the JVM ends.
 */
public final class ChildHandle {
    private static final System.Logger LOG = System.getLogger(ChildHandle.class.getName());
    static final long TERMINATE_WAIT_MILLIS = 10_000;

    private final long childId;
    private final byte[] secret;
    private final AllowList allowList;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private ChildSession session;
    private ChildJvm jvm;
    private ExitWatcher watcher;
    private volatile LaunchRequest request;
    private volatile Object owner;
    private volatile Throwable exception;
    private volatile boolean expectsFrame;

    ChildHandle(long childId, byte[] secret, AllowList allowList) {
        this.childId = childId;
        this.secret = secret;
        this.allowList = allowList;
    }

    long childId() {
        return childId;
    }

    byte[] secret() {
        return secret;
    }

    /** Sets the session before the JVM starts, so that a child connecting at once is expected. */
    void attach(ChildSession newSession) {
        this.session = newSession;
    }

    /** Sets the started JVM and watches its end; {@code onEnd} runs before the exit code completes. */
    void started(ChildJvm started, Runnable onEnd) {
        this.jvm = started;
        this.watcher = new ExitWatcher(started, session, onEnd);
    }

    void request(LaunchRequest assigned) {
        this.request = assigned;
        this.owner = assigned.owner();
    }

    ChildSession session() {
        return session;
    }

    ChildJvm jvm() {
        return jvm;
    }

    /**
     * Frames from the child's socket other than its exit report, on the session's reader thread.
     *
     * @throws IOException when an exception frame is damaged
     */
    void onFrame(Frame frame) throws IOException {
        if (frame.type() == FrameType.EXCEPTION) {
            exception = ThrowableData.decode(frame.payload(), allowList);
        } else if (frame.type() == FrameType.READY) {
            ready.complete(null);
        } else {
            LaunchRequest r = request;
            Consumer<Frame> listener = r == null ? null : r.listener();
            if (listener != null) {
                listener.accept(frame);
            } else {
                LOG.log(System.Logger.Level.DEBUG, "child " + name() + " sent an unexpected " + frame.type());
            }
        }
    }

    /**
     * Says whether the child owes frames soon (a pool worker has tasks): while it does, the session's reader waits
     * a little on-CPU for the next one before it blocks, so that a quick answer costs no thread wake-up.
     */
    public void expectFrames(boolean due) {
        expectsFrame = due;
    }

    boolean expectsFrame() {
        return expectsFrame;
    }

    /** Ends a spare that is no longer wanted: the end of its stdin makes it exit. */
    void retire() {
        jvm.closeStdin();
    }

    /** Whether a spare has warmed up and waits for its process. */
    boolean isReady() {
        return ready.isDone();
    }

    /** Completes when a spare has warmed up. */
    CompletableFuture<Void> ready() {
        return ready;
    }

    /** Whether this is a spare JVM waiting for a process. */
    public boolean isSpare() {
        return request == null;
    }

    public long pid() {
        return jvm.pid();
    }

    /** The process name, {@code spare} for a spare. */
    public String name() {
        LaunchRequest r = request;
        return r == null ? "spare" : r.name();
    }

    /** Whether the child is a daemon (a spare counts as one: nobody waits for it). */
    public boolean isDaemon() {
        LaunchRequest r = request;
        return r == null || r.daemon();
    }

    /** The public object that stands for this child (a {@code Process}), or null if none was made yet. */
    public Object owner() {
        return owner;
    }

    /** The public object for this child, made by {@code make} the first time it is asked for. */
    public synchronized Object ownerOr(Function<ChildHandle, Object> make) {
        if (owner == null) {
            owner = make.apply(this);
        }
        return owner;
    }

    /** Completes with the Python-style exit code once the child is gone and its reports are read. */
    public CompletableFuture<Integer> exitCode() {
        return watcher.exitCode();
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
    public void send(Frame frame) throws IOException {
        jvm.stdin().write(frame);
    }

    /**
     * Sends a frame to the child's stdin (after its task).
     *
     * @throws IOException when the child is gone
     */
    public void send(FrameType type, byte[] payload) throws IOException {
        jvm.stdin().write(type, payload);
    }

    /**
     * Sends a frame given in parts to the child's stdin (after its task): a large one is written on a thread of its
     * own, without copying the parts, and this call returns once that thread has started; frames sent later wait
     * for it.
     *
     * @param type the frame's type
     * @param parts the payload in parts, not to be changed until written
     * @return completes once the frame is written; exceptionally when the child went away first
     * @throws IOException when the child is gone or the payload is too large for one frame
     */
    public CompletableFuture<Void> send(FrameType type, java.util.List<byte[]> parts) throws IOException {
        return jvm.stdin().write(type, parts, name());
    }

    /** Whether the child has proven itself on the control socket. */
    public boolean isConnected() {
        return session.isConnected();
    }

    /**
     * SIGTERM: exit code -15. A child whose JVM is still starting gets it as soon as it has connected back: a
     * SIGTERM in the middle of a JVM's own start makes the JDK print internal errors ({@code Bad level}) on the
     * child's stderr. One that has not connected within {@value #TERMINATE_WAIT_MILLIS} ms is killed.
     */
    public void terminate() {
        watcher.markTerminated();
        if (session.isConnected() || !jvm.isAlive()) {
            jvm.terminate();
            return;
        }
        session.whenConnected(jvm::terminate);
        CompletableFuture.delayedExecutor(TERMINATE_WAIT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)
                .execute(() -> {
                    if (!session.isConnected() && jvm.isAlive()) {
                        kill();
                    }
                });
    }

    /** SIGKILL: exit code -9. */
    public void kill() {
        watcher.markKilled();
        jvm.kill();
    }

    /** SIGKILL to the child and everything it started. */
    public void killTree() {
        ProcessHandle.of(pid()).ifPresent(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
        kill();
    }

    /** What the child wrote on stdout when captured, else null. */
    public String capturedOutput() {
        return jvm.capturedOutput();
    }

    /** What the child wrote on stderr when captured, else null. */
    public String capturedError() {
        return jvm.capturedError();
    }

    @Override
    public String toString() {
        return name() + "(pid=" + (jvm == null ? -1 : jvm.pid()) + ")";
    }
}

package io.github.multiprocessing4j.internal.spawn;

import io.github.multiprocessing4j.exception.ProcessStartException;
import io.github.multiprocessing4j.internal.wire.FrameWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A started child JVM as the operating system sees it: the process, the frame writer on its stdin, and the
 * threads that copy its stdout and stderr where they were asked to go. It knows nothing of sockets or exit codes.
 *
 * <p>Thread-safe. Nothing here blocks but {@link #awaitOutput(long)}.
 */
public final class ChildJvm {
    /**
     * Threads that wait for children to end, one per live child. Not {@code Process.onExit()}: on some JDKs its
     * future completes on the common ForkJoinPool, which a program's own parallel work can keep busy for ever.
     */
    private static final java.util.concurrent.Executor WAITERS = java.util.concurrent.Executors.newCachedThreadPool(
            r -> {
                Thread t = new Thread(r, "mp4j-exit-wait");
                t.setDaemon(true);
                return t;
            });

    private final java.lang.Process os;
    private final CompletableFuture<Void> exited = new CompletableFuture<>();
    private final FrameWriter stdin;
    private final OutputPump outPump;
    private final OutputPump errPump;
    private final OutputPump.StringBuilderSink outCapture;
    private final OutputPump.StringBuilderSink errCapture;

    private ChildJvm(java.lang.Process os, StreamSpec out, StreamSpec err) {
        this.os = os;
        WAITERS.execute(this::awaitExit);
        this.stdin = new FrameWriter(os.getOutputStream());
        this.outCapture = out.capture() ? new OutputPump.StringBuilderSink(StreamSpec.CAPTURE_LIMIT) : null;
        this.errCapture = err.capture() ? new OutputPump.StringBuilderSink(StreamSpec.CAPTURE_LIMIT) : null;
        this.outPump = out.redirect() == ProcessBuilder.Redirect.PIPE
                ? new OutputPump(os.getInputStream(), false, out.forward(), outCapture, "mp4j-stdout-" + os.pid())
                : null;
        this.errPump = err.redirect() == ProcessBuilder.Redirect.PIPE
                ? new OutputPump(os.getErrorStream(), true, err.forward(), errCapture, "mp4j-stderr-" + os.pid())
                : null;
    }

    /**
     * Starts a JVM.
     *
     * @param command the command line ({@link ChildCommand#build})
     * @param out where its stdout goes
     * @param err where its stderr goes
     * @param directory its working directory, or null for this JVM's
     * @param environment changes to the inherited environment (a null value removes a variable)
     * @param name the process name, for the error message
     * @throws ProcessStartException when the JVM cannot be started (nothing is left behind then)
     */
    public static ChildJvm start(List<String> command, StreamSpec out, StreamSpec err, Path directory,
            Map<String, String> environment, String name) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.redirectOutput(out.redirect());
        builder.redirectError(err.redirect());
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Map<String, String> env = builder.environment();
        for (Map.Entry<String, String> change : environment.entrySet()) {
            if (change.getValue() == null) {
                env.remove(change.getKey());
            } else {
                env.put(change.getKey(), change.getValue());
            }
        }
        java.lang.Process os;
        try {
            os = builder.start();
        } catch (IOException e) {
            throw new ProcessStartException("cannot start the child JVM: name=" + name + ", java=" + command.get(0)
                    + ", error=" + e.getMessage(), e);
        }
        try {
            return new ChildJvm(os, out, err);
        } catch (RuntimeException | Error e) {
            os.destroyForcibly(); // a child that never gets its task would wait on its stdin for ever
            throw e;
        }
    }

    public long pid() {
        return os.pid();
    }

    public boolean isAlive() {
        return os.isAlive();
    }

    /** Completes, on a waiter thread of this class, when the operating system has reaped the JVM. */
    public CompletableFuture<Void> onExit() {
        return exited;
    }

    private void awaitExit() {
        while (true) {
            try {
                os.waitFor();
                break;
            } catch (InterruptedException e) {
                // nobody interrupts these threads on purpose: keep waiting, the child's end must be seen
                continue;
            }
        }
        exited.complete(null);
    }

    /** The raw exit status (128+N for a signal N), once the JVM has ended. */
    public int exitStatus() {
        return os.exitValue();
    }

    /** Frames to the child, on its stdin. */
    public FrameWriter stdin() {
        return stdin;
    }

    /** Closes the child's stdin: the child reads it as its parent's end. */
    public void closeStdin() {
        try {
            stdin.close();
        } catch (IOException e) {
            // the child is gone; its pipe may be broken already
        }
    }

    /** SIGTERM. */
    public void terminate() {
        os.destroy();
    }

    /** SIGKILL. */
    public void kill() {
        os.destroyForcibly();
    }

    /** Waits until what the child wrote to piped outputs has been copied, at most {@code millis} per stream. */
    public void awaitOutput(long millis) throws InterruptedException {
        if (outPump != null) {
            outPump.await(millis);
        }
        if (errPump != null) {
            errPump.await(millis);
        }
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

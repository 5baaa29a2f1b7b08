package io.github.multiprocessing4j.internal.wire;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Writes frames to a stream. Thread-safe: a frame is written whole, never interleaved with another, with one
 * write call for small frames.
 *
 * <p>A large frame given in parts ({@link #write(Frame, FrameType, List, String)}: a child's task;
 * {@link #write(FrameType, List, String)}: a pool worker's task) is written on a thread
 * of its own, so that its writer does not wait for a reader that is still starting: a child JVM reads its stdin
 * only once it runs. Frames written after it wait until it is written; a failure to write it (the reader died)
 * fails them too. The parts are written as they are, in slices: no copy of the payload is made here.
 */
public final class FrameWriter implements AutoCloseable {
    /**
     * Frames up to this size are written by the caller: a pipe holds that much (Linux's default capacity), so
     * writing them into a fresh pipe does not block.
     */
    static final int AT_ONCE = 64 * 1024;
    /**
     * The most handed to the stream in one call: the JDK copies each call's bytes into native memory allocated
     * for the call, so one call for a whole large payload would allocate another copy of it.
     */
    private static final int SLICE = 256 * 1024;

    private final OutputStream out;
    /** The large frame being written in the background, or null. Guarded by this. */
    private CompletableFuture<Void> pending;

    public FrameWriter(OutputStream out) {
        this.out = out;
    }

    public void write(Frame frame) throws IOException {
        write(frame.type(), frame.payload());
    }

    public synchronized void write(FrameType type, byte[] payload) throws IOException {
        awaitPending();
        if (payload.length > Frame.MAX_PAYLOAD) {
            throw new IOException("message too large: size=" + payload.length + ", limit=" + Frame.MAX_PAYLOAD);
        }
        if (payload.length <= AT_ONCE) {
            byte[] whole = new byte[5 + payload.length];
            putHeader(whole, type, payload.length);
            System.arraycopy(payload, 0, whole, 5, payload.length);
            out.write(whole);
        } else {
            byte[] header = new byte[5];
            putHeader(header, type, payload.length);
            out.write(header);
            writeSlices(payload);
        }
        out.flush();
    }

    /**
     * Writes two frames, the second given in parts (a child's boot and task): small ones with one write call (one
     * pipe write, one wake-up); larger ones on a thread of their own, this call returning once that thread is
     * started. Frames written later wait for them.
     *
     * @param first the first frame
     * @param type the second frame's type
     * @param parts the second frame's payload, in parts; not to be changed until written
     * @param name what the reader is, to name the writing thread
     * @throws IOException when the payload is larger than {@link Frame#MAX_PAYLOAD}, or (small frames) the
     *     stream is broken
     */
    public synchronized void write(Frame first, FrameType type, List<byte[]> parts, String name)
            throws IOException {
        byte[] head = new byte[5 + first.payload().length];
        putHeader(head, first.type(), first.payload().length);
        System.arraycopy(first.payload(), 0, head, 5, first.payload().length);
        writeParts(head, type, parts, name);
    }

    /**
     * Writes one frame given in parts (a pool worker's task): a small one with one write call; a larger one on a
     * thread of its own, this call returning once that thread is started, so that its caller holds no lock while
     * megabytes go down a pipe. Frames written later wait for it.
     *
     * @param type the frame's type
     * @param parts the payload, in parts; not to be changed until written
     * @param name what the reader is, to name the writing thread
     * @return completes once the frame is written (at once for a small one); exceptionally when the stream broke
     * @throws IOException when the payload is larger than {@link Frame#MAX_PAYLOAD}, an earlier frame could not be
     *     written, or (small frames) the stream is broken
     */
    public synchronized CompletableFuture<Void> write(FrameType type, List<byte[]> parts, String name)
            throws IOException {
        return writeParts(new byte[0], type, parts, name);
    }

    /** Writes {@code head} (whole frames, or nothing) then a frame of {@code parts}; within the monitor. */
    private CompletableFuture<Void> writeParts(byte[] before, FrameType type, List<byte[]> parts, String name)
            throws IOException {
        long length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        if (length > Frame.MAX_PAYLOAD) {
            throw new IOException("message too large: size=" + length + ", limit=" + Frame.MAX_PAYLOAD);
        }
        awaitPending();
        byte[] head = java.util.Arrays.copyOf(before, before.length + 5);
        putHeader(head, before.length, type, (int) length);
        if (head.length + length <= AT_ONCE) {
            List<byte[]> all = new ArrayList<>(parts.size() + 1);
            all.add(head);
            all.addAll(parts);
            out.write(join(all, head.length + (int) length));
            out.flush();
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        pending = done;
        Thread writer = new Thread(() -> writeParts(head, parts, done), "mp4j-stdin-" + name);
        writer.setDaemon(true);
        writer.start();
        return done.copy();
    }

    /** On the background thread: the head, then the parts; the outcome completes {@code done}. */
    private void writeParts(byte[] head, List<byte[]> parts, CompletableFuture<Void> done) {
        try {
            out.write(head);
            for (byte[] part : parts) {
                writeSlices(part);
            }
            out.flush();
            done.complete(null);
        } catch (IOException | RuntimeException | Error e) {
            // the reader died or closed: its end is reported where it is watched; later frames fail with this
            // the logger is made here, not in a static field: every child JVM writes frames, and a System.Logger
            // starts java.util.logging (a hundred classes at start-up, and one more shutdown hook at exit)
            System.getLogger(FrameWriter.class.getName()).log(System.Logger.Level.DEBUG,
                    "a large frame was not written whole", e);
            done.completeExceptionally(e);
        }
    }

    private void writeSlices(byte[] bytes) throws IOException {
        for (int at = 0; at < bytes.length; at += SLICE) {
            out.write(bytes, at, Math.min(SLICE, bytes.length - at));
        }
    }

    private static byte[] join(List<byte[]> parts, int length) {
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /** Waits until a large frame written in the background is written (within the monitor: later frames wait). */
    private void awaitPending() throws IOException {
        CompletableFuture<Void> p = pending;
        if (p == null) {
            return;
        }
        try {
            p.get();
            pending = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while an earlier frame was being written");
        } catch (ExecutionException e) {
            throw new IOException("an earlier frame could not be written: " + e.getCause(), e.getCause());
        }
    }

    private static void putHeader(byte[] into, FrameType type, int length) {
        putHeader(into, 0, type, length);
    }

    private static void putHeader(byte[] into, int at, FrameType type, int length) {
        into[at] = (byte) (length >>> 24);
        into[at + 1] = (byte) (length >>> 16);
        into[at + 2] = (byte) (length >>> 8);
        into[at + 3] = (byte) length;
        into[at + 4] = type.tag();
    }

    /** Closes the stream, without waiting for a frame written in the background (it fails if unfinished). */
    @Override
    public void close() throws IOException {
        out.close();
    }
}

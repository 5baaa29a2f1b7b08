package io.github.multiprocessing4j.internal.spawn;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies a child's stdout or stderr, when it is not inherited, to where it should go: this JVM's
 * {@code System.out}/{@code System.err} (looked up at each write, so a redirection made later is honoured) and/or
 * a bounded capture buffer. One daemon thread per pumped stream; it ends at the child's end of stream.
 */
public final class OutputPump {
    private final Thread thread;
    private final StringBuilderSink capture;

    /** A bounded in-memory copy of what a child wrote, kept from the end. */
    public static final class StringBuilderSink {
        private final int limit;
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

        public StringBuilderSink(int limit) {
            this.limit = limit;
        }

        synchronized void append(byte[] b, int len) {
            bytes.write(b, 0, len);
            if (bytes.size() > 2 * limit) {
                byte[] all = bytes.toByteArray();
                bytes.reset();
                bytes.write(all, all.length - limit, limit);
            }
        }

        @Override
        public synchronized String toString() {
            byte[] all = bytes.toByteArray();
            int from = Math.max(0, all.length - limit);
            return new String(all, from, all.length - from, java.nio.charset.Charset.defaultCharset());
        }
    }

    /**
     * Starts pumping.
     *
     * @param from the child's stream
     * @param stderr whether to forward to System.err rather than System.out
     * @param forward whether to forward at all
     * @param capture where to keep a copy, or null
     * @param name the thread name
     */
    public OutputPump(InputStream from, boolean stderr, boolean forward, StringBuilderSink capture, String name) {
        this.capture = capture;
        this.thread = new Thread(() -> pump(from, stderr, forward), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void pump(InputStream from, boolean stderr, boolean forward) {
        byte[] buffer = new byte[8192];
        try (from) {
            int n;
            while ((n = from.read(buffer)) > 0) {
                if (forward) {
                    OutputStream to = stderr ? System.err : System.out;
                    to.write(buffer, 0, n);
                    to.flush();
                }
                if (capture != null) {
                    capture.append(buffer, n);
                }
            }
        } catch (IOException e) {
            // the child's end of the pipe is gone: nothing more to copy
        }
    }

    /** Waits until everything the child wrote has been copied. */
    public void await(long millis) throws InterruptedException {
        thread.join(millis);
    }
}

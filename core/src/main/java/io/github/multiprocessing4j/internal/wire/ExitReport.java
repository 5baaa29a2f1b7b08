package io.github.multiprocessing4j.internal.wire;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * How a child is ending (EXIT), sent by its exit sequence so that the parent can report exit codes as Python
 * does: the JVM turns SIGTERM into an ordinary exit with status 143, which the parent could not tell apart from
 * {@code System.exit(143)} by the status alone.
 *
 * <pre>
 *   byte kind ({@link Kind#ordinal()}) | int signal (0 unless kind is SIGNAL)
 * </pre>
 *
 * @param kind how the child ends
 * @param signal the signal number when {@code kind} is {@link Kind#SIGNAL}, else 0
 */
public record ExitReport(Kind kind, int signal) {
    /** How a child ends. The order is the wire format: append only. */
    public enum Kind {
        /** {@code System.exit(n)} or the end of the last non-daemon thread: the status is the exit code. */
        SYSTEM_EXIT,
        /** The target returned: the status is the exit code (0 unless a hook changed it). */
        RETURNED,
        /** The target threw: the status is the exit code (1). */
        THREW,
        /** A signal was caught and turned into an orderly exit: the exit code is minus the signal. */
        SIGNAL
    }

    /** The EXIT frame. */
    public Frame toFrame() {
        return new Frame(FrameType.EXIT, ByteBuffer.allocate(5).put((byte) kind.ordinal()).putInt(signal).array());
    }

    /**
     * Reads an EXIT frame's payload.
     *
     * @throws IOException when it is damaged
     */
    public static ExitReport decode(byte[] payload) throws IOException {
        try {
            ByteBuffer in = ByteBuffer.wrap(payload);
            int kind = in.get();
            Kind[] kinds = Kind.values();
            if (kind < 0 || kind >= kinds.length) {
                throw new IOException("damaged exit report: kind " + kind);
            }
            return new ExitReport(kinds[kind], in.getInt());
        } catch (BufferUnderflowException e) {
            throw new IOException("damaged exit report: size=" + payload.length, e);
        }
    }
}

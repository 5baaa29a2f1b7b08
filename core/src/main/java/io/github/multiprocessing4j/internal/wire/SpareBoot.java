package io.github.multiprocessing4j.internal.wire;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * The first frame of a spare JVM (SPARE): its provisional boot (name {@code spare}) and a task to decode, not
 * run, while it waits, so that it loads what running a real task will need. Its real boot and task follow when
 * it is given a process.
 *
 * <pre>
 *   int bootLength | boot bytes ({@link Boot#encode()}) | warm-up task bytes (to the end)
 * </pre>
 *
 * @param boot the provisional boot
 * @param warmup an encoded task to decode; may be empty
 */
public record SpareBoot(Boot boot, byte[] warmup) {
    /** The SPARE frame. */
    public Frame toFrame() {
        byte[] bootBytes = boot.encode();
        ByteBuffer payload = ByteBuffer.allocate(4 + bootBytes.length + warmup.length);
        payload.putInt(bootBytes.length).put(bootBytes).put(warmup);
        return new Frame(FrameType.SPARE, payload.array());
    }

    /**
     * Reads a SPARE frame's payload.
     *
     * @throws IOException when it is damaged
     */
    public static SpareBoot decode(byte[] payload) throws IOException {
        try {
            ByteBuffer in = ByteBuffer.wrap(payload);
            byte[] bootBytes = new byte[in.getInt()];
            in.get(bootBytes);
            byte[] warmup = new byte[in.remaining()];
            in.get(warmup);
            return new SpareBoot(Boot.decode(bootBytes), warmup);
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new IOException("damaged spare boot frame: size=" + payload.length, e);
        }
    }
}

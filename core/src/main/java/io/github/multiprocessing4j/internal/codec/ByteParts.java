package io.github.multiprocessing4j.internal.codec;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Bytes written in parts, so that a large message is held once: a {@code ByteArrayOutputStream} doubles its array
 * as it grows and copies it again to hand it out, several times the message at its peak. Small writes fill blocks
 * that grow to {@value #MAX_BLOCK} bytes; {@link #add} appends an array the caller gives up, without copying it.
 * Blocks that large are "humongous" for G1 (at least half a region, whatever the region size), allocated outside
 * the young generation: young collections do not copy them while a large message is being encoded (with 1 MiB
 * blocks they did, again and again, for about half the message's size and a second or more of pauses).
 * The parts go to a channel as they are ({@code FrameWriter} writes a list of parts as one frame).
 *
 * <p>Not thread-safe: one encoder writes, then hands out {@link #parts()}.
 */
public final class ByteParts extends OutputStream {
    private static final int FIRST_BLOCK = 256;
    private static final int MAX_BLOCK = 16 << 20;

    private final List<byte[]> parts = new ArrayList<>();
    private byte[] block;
    private int used;
    private long length;

    /**
     * Appends an array as a part of its own; the caller must not change it afterwards.
     *
     * @param owned the bytes, now owned by this object
     */
    public void add(byte[] owned) {
        seal();
        parts.add(owned);
        length += owned.length;
    }

    @Override
    public void write(int b) {
        if (block == null || used == block.length) {
            grow();
        }
        block[used++] = (byte) b;
        length++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        while (len > 0) {
            if (block == null || used == block.length) {
                grow();
            }
            int n = Math.min(len, block.length - used);
            System.arraycopy(b, off, block, used, n);
            used += n;
            off += n;
            len -= n;
            length += n;
        }
    }

    /** How many bytes were written. */
    public long length() {
        return length;
    }

    /** The parts in order, the last one trimmed to what was written. */
    public List<byte[]> parts() {
        seal();
        return Collections.unmodifiableList(parts);
    }

    /** The bytes in one array (a copy unless there is exactly one part). */
    public byte[] toByteArray() {
        return join(parts());
    }

    /**
     * Parts joined into one array.
     *
     * @throws IllegalArgumentException when they do not fit in one array
     */
    public static byte[] join(List<byte[]> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        long total = 0;
        for (byte[] p : parts) {
            total += p.length;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("message too large for one array: size=" + total);
        }
        byte[] all = new byte[(int) total];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    private void grow() {
        seal();
        // blocks double with the message: few parts for a large one, little slack for a small one; a large block
        // leaves room for the array's header, or a humongous one would take a whole G1 region more than its size
        int size = (int) Math.min(MAX_BLOCK, Math.max(FIRST_BLOCK, length));
        block = new byte[size >= 1 << 20 ? size - 64 : size];
        used = 0;
    }

    private void seal() {
        if (block != null && used > 0) {
            parts.add(used == block.length ? block : java.util.Arrays.copyOf(block, used));
        }
        block = null;
        used = 0;
    }
}

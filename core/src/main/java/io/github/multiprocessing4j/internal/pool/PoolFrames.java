package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.exception.DecodeLimitException;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The byte layouts of the pool's frames ({@code Frame.POOL_TASK}, {@code Frame.POOL_RESULT}); the elements
 * themselves are an {@link ItemBlock}.
 *
 * <pre>
 * POOL_TASK (parent to worker, on its stdin)
 *   long unitId | int functionId | int arity | byte keep | int functionLength
 *   | function bytes (length 0: the worker holds it from the frame before) | int packageCount
 *   | per package: int length | UTF-8 name | argument block
 *   keep 1: the worker holds the function for the next frame; 0: it drops it once this unit has run
 *   unitId 0 (a release): no elements, no answer; the worker drops the function it holds
 * POOL_RESULT (worker to parent, on the socket)
 *   long unitId | outcome block
 * </pre>
 */
final class PoolFrames {
    private PoolFrames() {
    }

    /**
     * A decoded POOL_TASK; {@code function} is the function's bytes within the frame (none: the worker holds it),
     * {@code block} is positioned at the argument block. Both are read in place, not copied out.
     */
    record Task(long id, int functionId, int arity, boolean keep, ByteBuffer function, List<String> packages,
            ByteBuffer block) {
        /** Whether this frame only tells the worker to drop the function it holds. */
        boolean isRelease() {
            return id == RELEASE_ID;
        }
    }

    /** The unit id of a release frame; real units are numbered from 1. */
    static final long RELEASE_ID = 0;

    /** A frame that tells an idle worker to drop the function it holds, so nothing keeps its captured values. */
    static byte[] release() {
        return ByteBuffer.allocate(8 + 4 + 4 + 1 + 4 + 4 + 5).putLong(RELEASE_ID).putInt(0).putInt(0)
                .put((byte) 0).putInt(0).putInt(0).put(ItemBlock.CODEC).putInt(0).array();
    }

    /**
     * A POOL_TASK frame in parts: the header and package names, the function's bytes and the argument block as
     * they are (their concatenation is the payload; nothing large is copied).
     */
    static List<byte[]> task(TaskUnit unit, boolean withFunction, boolean keep) {
        FunctionRef fn = unit.function();
        List<byte[]> function = withFunction ? fn.parts() : List.of();
        long functionLength = withFunction ? fn.length() : 0;
        List<byte[]> packages = new ArrayList<>();
        for (String p : unit.packages()) {
            packages.add(p.getBytes(StandardCharsets.UTF_8));
        }
        if (withFunction) {
            for (String p : fn.packages()) {
                packages.add(p.getBytes(StandardCharsets.UTF_8));
            }
        }
        int names = 4;
        for (byte[] p : packages) {
            names += 4 + p.length;
        }
        ByteBuffer head = ByteBuffer.allocate(8 + 4 + 4 + 1 + 4);
        head.putLong(unit.id()).putInt(fn.id()).putInt(fn.arity()).put((byte) (keep ? 1 : 0))
                .putInt((int) functionLength);
        ByteBuffer tail = ByteBuffer.allocate(names).putInt(packages.size());
        for (byte[] p : packages) {
            tail.putInt(p.length).put(p);
        }
        List<byte[]> parts = new ArrayList<>(function.size() + unit.block().size() + 2);
        parts.add(head.array());
        parts.addAll(function);
        parts.add(tail.array());
        parts.addAll(unit.block());
        return parts;
    }

    static Task readTask(byte[] payload) throws IOException {
        try {
            ByteBuffer in = ByteBuffer.wrap(payload);
            long id = in.getLong();
            int functionId = in.getInt();
            int arity = in.getInt();
            boolean keep = in.get() != 0;
            int functionLength = ItemBlock.count(in, 1);
            ByteBuffer function = in.slice(in.position(), functionLength);
            in.position(in.position() + functionLength);
            int packageCount = ItemBlock.count(in, 4);
            List<String> packages = new ArrayList<>(packageCount);
            for (int i = 0; i < packageCount; i++) {
                byte[] name = new byte[ItemBlock.count(in, 1)];
                in.get(name);
                packages.add(new String(name, StandardCharsets.UTF_8));
            }
            return new Task(id, functionId, arity, keep, function, packages, in);
        } catch (BufferUnderflowException | IndexOutOfBoundsException | NegativeArraySizeException
                | DecodeLimitException e) {
            throw new IOException("damaged task frame: size=" + payload.length, e);
        }
    }

    /** A result frame: the unit's id and the outcome block of {@code values} and {@code errors}, in one array. */
    static byte[] result(long unitId, Object[] values, Throwable[] errors) {
        byte[] frame = ItemBlock.outcomes(values, errors, 8);
        ByteBuffer.wrap(frame).putLong(unitId);
        return frame;
    }

    /** The unit id of a result frame. */
    static long resultUnitId(byte[] payload) {
        return ByteBuffer.wrap(payload).getLong();
    }

    /** The outcome block of a result frame. */
    static ByteBuffer resultOutcomes(byte[] payload) {
        return ByteBuffer.wrap(payload, 8, payload.length - 8);
    }
}

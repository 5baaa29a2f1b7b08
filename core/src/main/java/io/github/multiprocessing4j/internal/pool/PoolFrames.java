package io.github.multiprocessing4j.internal.pool;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The byte layouts of the pool's frames ({@code Frame.POOL_TASK}, {@code Frame.POOL_RESULT}).
 *
 * <pre>
 * POOL_TASK (parent to worker, on its stdin)
 *   long taskId | int functionId | int arity | int functionLength | function bytes (length 0: worker has it)
 *   | int packageCount | UTF package... | int items | per item, per argument: int length | codec bytes
 * POOL_RESULT (worker to parent, on the socket)
 *   long taskId | int items | per item: byte status (0 value, 1 exception) | int length | bytes
 *     (codec bytes of the value, or ThrowableData bytes)
 * </pre>
 */
public final class PoolFrames {
    static final byte VALUE = 0;
    static final byte ERROR = 1;

    private PoolFrames() {
    }

    /** A decoded POOL_TASK. */
    record Task(long id, int functionId, int arity, byte[] function, List<String> packages, List<byte[][]> items) {
    }

    static byte[] task(TaskUnit unit, boolean withFunction) {
        FunctionRef fn = unit.function();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + unit.size()
                + (withFunction ? fn.bytes().length : 0));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(unit.id());
            out.writeInt(fn.id());
            out.writeInt(fn.arity());
            byte[] function = withFunction ? fn.bytes() : new byte[0];
            out.writeInt(function.length);
            out.write(function);
            List<String> packages = new ArrayList<>(unit.packages());
            if (withFunction) {
                packages.addAll(fn.packages());
            }
            out.writeInt(packages.size());
            for (String p : packages) {
                out.writeUTF(p);
            }
            out.writeInt(unit.items().size());
            for (byte[][] item : unit.items()) {
                for (byte[] arg : item) {
                    out.writeInt(arg.length);
                    out.write(arg);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    static Task readTask(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        long id = in.readLong();
        int functionId = in.readInt();
        int arity = in.readInt();
        byte[] function = in.readNBytes(in.readInt());
        int packageCount = in.readInt();
        List<String> packages = new ArrayList<>(packageCount);
        for (int i = 0; i < packageCount; i++) {
            packages.add(in.readUTF());
        }
        int count = in.readInt();
        List<byte[][]> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[][] args = new byte[arity][];
            for (int a = 0; a < arity; a++) {
                args[a] = in.readNBytes(in.readInt());
            }
            items.add(args);
        }
        return new Task(id, functionId, arity, function, packages, items);
    }

    /** Writes a result frame: status and bytes per item. */
    static byte[] result(long taskId, byte[] statuses, byte[][] outcomes) {
        int size = 12;
        for (byte[] o : outcomes) {
            size += 5 + o.length;
        }
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(size);
        out.putLong(taskId).putInt(outcomes.length);
        for (int i = 0; i < outcomes.length; i++) {
            out.put(statuses[i]).putInt(outcomes[i].length).put(outcomes[i]);
        }
        return out.array();
    }

    /** The task id of a result frame. */
    static long resultTaskId(byte[] payload) {
        return java.nio.ByteBuffer.wrap(payload).getLong();
    }

    /** Reads a result frame's statuses and raw bytes; decoding the values is left to the caller. */
    static List<byte[]> resultItems(byte[] payload, List<Byte> statuses) {
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(payload);
        in.getLong();
        int count = in.getInt();
        List<byte[]> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            statuses.add(in.get());
            byte[] b = new byte[in.getInt()];
            in.get(b);
            items.add(b);
        }
        return items;
    }
}

package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.exception.ChildProcessException;
import io.github.multiprocessing4j.exception.DecodeLimitException;
import io.github.multiprocessing4j.exception.ProcessException;
import io.github.multiprocessing4j.exception.SerializationFailedException;
import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.internal.codec.ByteParts;
import io.github.multiprocessing4j.internal.codec.Codec;
import io.github.multiprocessing4j.internal.codec.DecodeLimits;
import io.github.multiprocessing4j.internal.codec.ThrowableData;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The elements of a chunk as bytes: their arguments (parent to worker) or their outcomes (worker to parent).
 * A chunk of one-argument elements that are all {@code Integer}, all {@code Long} or all {@code Double} (and
 * outcomes that are all such values) is written as a packed array; anything else element by element with the
 * {@link Codec}, so that one element that cannot be read fails alone.
 *
 * <pre>
 * block    = byte kind | int count | body
 * CODEC    arguments: per element, per argument: int length | codec bytes
 *          outcomes:  per element: byte status (0 value, 1 exception, 2 unsendable result) | int length
 *                     | codec bytes (0) or ThrowableData bytes (1, 2)
 * INTS, LONGS, DOUBLES: count packed values (arguments of one-argument functions, or successful outcomes)
 * </pre>
 */
final class ItemBlock {
    static final byte CODEC = 0;
    static final byte INTS = 1;
    static final byte LONGS = 2;
    static final byte DOUBLES = 3;
    private static final byte VALUE = 0;
    private static final byte ERROR = 1;
    /** The task returned, but its result could not be serialized (Python: {@code MaybeEncodingError}). */
    private static final byte UNSENDABLE = 2;
    private static final int SHOWN_RESULT_CHARS = 200;

    /**
     * An encoded argument block, in parts (their concatenation is the block: a large argument's encoded bytes are
     * parts of their own, never copied into a joined array), and the packages the worker must learn to read it.
     */
    record Encoded(List<byte[]> parts, long length, int count, Set<String> packages) {
    }

    /** Room in a task frame for its header and package names. */
    private static final int TASK_HEAD = 64 * 1024;
    /** Encoded parts at least this large are kept as they are; smaller ones are copied into shared blocks. */
    private static final int OWN_PART = 64 * 1024;

    private ItemBlock() {
    }

    /**
     * Encodes the arguments of elements {@code [from, to)}, to be sent with {@code function}; each element is an
     * array of {@code function.arity()} arguments.
     *
     * @throws SerializationFailedException naming the element and argument that cannot be serialized, or when the
     *     task (function and arguments) would not fit in one frame
     */
    static Encoded arguments(List<Object[]> elements, int from, int to, long firstIndex, FunctionRef function) {
        Object[] chunk = new Object[to - from];
        for (int i = 0; i < chunk.length; i++) {
            Object[] args = elements.get(from + i);
            chunk[i] = function.arity() == 1 ? args[0] : args;
        }
        return arguments(chunk, 0, chunk.length, firstIndex, function);
    }

    /**
     * Encodes the arguments of elements {@code [from, to)}, to be sent with {@code function}: for a one-argument
     * function each element is its argument itself (no array per element), else the array of its arguments.
     * Elements that are all {@code Integer}, all {@code Long} or all {@code Double} are packed into one primitive
     * array; anything else goes element by element through the {@link Codec}.
     *
     * @param firstIndex the input index of element {@code from}, named in errors
     * @throws SerializationFailedException naming the element and argument that cannot be serialized, or when the
     *     task (function and arguments) would not fit in one frame
     */
    static Encoded arguments(Object[] elements, int from, int to, long firstIndex, FunctionRef function) {
        int count = to - from;
        boolean bare = function.arity() == 1;
        byte kind = bare ? packedKind(elements, from, to) : CODEC;
        if (kind != CODEC) {
            byte[] packed = packed(kind, elements, from, to, 0);
            return new Encoded(List.of(packed), packed.length, count, Set.of());
        }
        Set<String> packages = new HashSet<>();
        ByteParts block = new ByteParts();
        DataOutputStream out = new DataOutputStream(block);
        try {
            out.writeByte(CODEC);
            out.writeInt(count);
            for (int i = 0; i < count; i++) {
                Object[] args = bare ? new Object[] {elements[from + i]} : (Object[]) elements[from + i];
                for (int a = 0; a < args.length; a++) {
                    String what = "argument " + a + " of element " + (firstIndex + i);
                    Codec.Parts e = Codec.encodeParts(args[a], what);
                    if (!e.packages().isEmpty()) {
                        packages.addAll(e.packages());
                        JvmRuntime.get().allowList().learn(e.packages());
                    }
                    out.writeInt((int) e.length());
                    for (byte[] part : e.parts()) {
                        if (part.length >= OWN_PART) {
                            block.add(part);
                        } else {
                            out.write(part);
                        }
                    }
                    // the task frame holds the function too: one too large fails here, not in a worker
                    Codec.checkSize(block.length() + function.length() + TASK_HEAD, "the task's function "
                            + "and its arguments up to " + what);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return new Encoded(block.parts(), block.length(), count, packages);
    }

    /**
     * The packed kind of values {@code [from, to)}: all of one of the packed classes, else {@link #CODEC}. Each is a
     * final class, so {@code instanceof} is the exact check (one bytecode; {@code getClass()} is a native call
     * before the JIT has compiled the loop); null is no instance.
     */
    private static byte packedKind(Object[] values, int from, int to) {
        Object first = from < to ? values[from] : null;
        if (first instanceof Integer) {
            for (int i = from + 1; i < to; i++) {
                if (!(values[i] instanceof Integer)) {
                    return CODEC;
                }
            }
            return INTS;
        } else if (first instanceof Long || first instanceof Double) {
            for (int i = from + 1; i < to; i++) {
                if (first instanceof Long ? !(values[i] instanceof Long) : !(values[i] instanceof Double)) {
                    return CODEC;
                }
            }
            return first instanceof Long ? LONGS : DOUBLES;
        }
        return CODEC;
    }

    private static int width(byte kind) {
        return kind == INTS ? 4 : 8;
    }

    /**
     * A count read from a block, of items of {@code itemSize} bytes at least, checked against the bytes left before
     * anything is allocated (items of no bytes, the arguments of a call without any, come one at a time).
     */
    static int count(ByteBuffer in, int itemSize) {
        int count = in.getInt();
        long fits = itemSize == 0 ? 1 : in.remaining() / itemSize;
        if (count < 0 || count > fits) {
            throw DecodeLimits.claimsMore("count", count, in.remaining());
        }
        return count;
    }

    /**
     * Values {@code [from, to)}, all of {@code kind}, as a packed block after {@code room} bytes left for the caller.
     * The values are written byte by byte (big-endian), as it costs the least before the JIT has compiled the loop.
     */
    private static byte[] packed(byte kind, Object[] values, int from, int to, int room) {
        int count = to - from;
        byte[] out = new byte[room + 5 + width(kind) * count];
        out[room] = kind;
        putInt(out, room + 1, count);
        int p = room + 5;
        if (kind == INTS) {
            for (int i = from; i < to; i++, p += 4) {
                int v = (Integer) values[i];
                out[p] = (byte) (v >>> 24);
                out[p + 1] = (byte) (v >>> 16);
                out[p + 2] = (byte) (v >>> 8);
                out[p + 3] = (byte) v;
            }
        } else {
            for (int i = from; i < to; i++, p += 8) {
                long v = kind == LONGS ? (Long) values[i] : Double.doubleToRawLongBits((Double) values[i]);
                putInt(out, p, (int) (v >>> 32));
                putInt(out, p + 4, (int) v);
            }
        }
        return out;
    }

    private static void putInt(byte[] out, int at, int v) {
        out[at] = (byte) (v >>> 24);
        out[at + 1] = (byte) (v >>> 16);
        out[at + 2] = (byte) (v >>> 8);
        out[at + 3] = (byte) v;
    }

    private static int getInt(byte[] in, int at) {
        return (in[at] & 0xff) << 24 | (in[at + 1] & 0xff) << 16 | (in[at + 2] & 0xff) << 8 | in[at + 3] & 0xff;
    }

    /**
     * Reads {@code count} packed values of {@code kind} (a count checked against the bytes left), boxed: a
     * primitive value needs no class check.
     */
    private static Object[] readPacked(byte kind, ByteBuffer in, int count) {
        Object[] values = new Object[count];
        byte[] b = in.array();
        int p = in.arrayOffset() + in.position();
        if (kind == INTS) {
            for (int i = 0; i < count; i++, p += 4) {
                values[i] = (b[p] & 0xff) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | b[p + 3] & 0xff;
            }
        } else {
            for (int i = 0; i < count; i++, p += 8) {
                long v = (long) getInt(b, p) << 32 | getInt(b, p + 4) & 0xffffffffL;
                values[i] = kind == LONGS ? (Object) v : (Object) Double.longBitsToDouble(v);
            }
        }
        in.position(in.position() + count * width(kind));
        return values;
    }

    /** An element whose arguments could not be read in the worker: the task fails with {@code cause}. */
    record Unreadable(Throwable cause) {
    }

    /**
     * Reads an argument block in the worker: per element its argument (a one-argument function's, as it is) or the
     * array of its arguments, or an {@link Unreadable} with the exception that reading them gave.
     */
    static Object[] readArguments(ByteBuffer in, int arity) {
        byte kind = in.get();
        if (kind != CODEC) {
            return readPacked(kind, in, count(in, width(kind)));
        }
        Object[] rows = new Object[count(in, 4 * arity)];
        for (int i = 0; i < rows.length; i++) {
            Object[] args = new Object[arity];
            Throwable failure = null;
            for (int a = 0; a < arity; a++) {
                int length = count(in, 1);
                int at = in.position();
                in.position(at + length);
                try {
                    // in place: a large argument is not copied out of the frame before it is decoded
                    args[a] = failure == null
                            ? Codec.decode(in.array(), in.arrayOffset() + at, length, JvmRuntime.get().allowList())
                            : null;
                } catch (DecodeLimitException e) {
                    failure = e;
                } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
                    failure = new SerializationFailedException("cannot read argument " + a + " in the worker: " + e,
                            e);
                }
            }
            rows[i] = failure != null ? new Unreadable(failure) : arity == 1 ? args[0] : args;
        }
        return rows;
    }

    /**
     * Encodes the outcomes of a chunk in the worker, after {@code room} bytes left for the caller (a result frame's
     * header, so that the block is not copied once more); a value that cannot be serialized becomes its exception.
     */
    static byte[] outcomes(Object[] values, Throwable[] errors, int room) {
        byte kind = packedKind(values, 0, values.length);
        for (int i = 0; i < values.length && kind != CODEC; i++) {
            if (errors[i] != null) {
                kind = CODEC;
            }
        }
        if (kind != CODEC) {
            return packed(kind, values, 0, values.length, room);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(room + 16 + 16 * values.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(new byte[room]);
            out.writeByte(CODEC);
            out.writeInt(values.length);
            for (int i = 0; i < values.length; i++) {
                byte[] raw = null;
                Throwable error = errors[i];
                byte status = error == null ? VALUE : ERROR;
                if (error == null) {
                    try {
                        raw = Codec.encode(values[i], "the result of the task").bytes();
                    } catch (RuntimeException e) {
                        error = unsendable(values[i], e);
                        status = UNSENDABLE;
                    }
                }
                if (error != null) {
                    raw = ThrowableData.encode(error);
                }
                out.writeByte(status);
                out.writeInt(raw.length);
                out.write(raw);
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /** Python's {@code MaybeEncodingError}: names the result (its type and a short text) and the reason. */
    private static SerializationFailedException unsendable(Object value, RuntimeException reason) {
        String shown;
        try {
            shown = String.valueOf(value);
        } catch (RuntimeException e) {
            shown = "(toString failed: " + e + ")";
        }
        if (shown.length() > SHOWN_RESULT_CHARS) {
            shown = shown.substring(0, SHOWN_RESULT_CHARS) + "...";
        }
        return new SerializationFailedException("cannot send the task's result back from the worker: result="
                + value.getClass().getName() + " '" + shown + "', reason=" + reason.getMessage(), reason);
    }

    /**
     * Reads the outcomes of a chunk in the parent. A task's exception arrives as a {@link ChildProcessException}
     * naming the worker, whose cause is the task's own exception with the worker's frames; a value that cannot be
     * read here fails only its element, and so does a result the worker could not serialize (a
     * {@link SerializationFailedException}, not wrapped as if the task had thrown).
     */
    static Outcomes readOutcomes(ByteBuffer in, String worker, long pid) {
        byte kind = in.get();
        if (kind != CODEC) {
            return Outcomes.values(readPacked(kind, in, count(in, width(kind))));
        }
        Outcome[] outcomes = new Outcome[count(in, 5)];
        for (int i = 0; i < outcomes.length; i++) {
            byte status = in.get();
            byte[] raw = new byte[count(in, 1)];
            in.get(raw);
            if (status == VALUE) {
                outcomes[i] = value(raw, worker, pid);
            } else if (status == UNSENDABLE) {
                Throwable why = throwable(raw);
                outcomes[i] = new Outcome(null, new SerializationFailedException(why.getMessage() + " (worker="
                        + worker + ", pid=" + pid + ")", why.getCause() != null ? why.getCause() : why));
            } else {
                outcomes[i] = new Outcome(null, new ChildProcessException(worker, pid, throwable(raw)));
            }
        }
        return Outcomes.of(outcomes);
    }

    private static Outcome value(byte[] raw, String worker, long pid) {
        try {
            return new Outcome(Codec.decode(raw, JvmRuntime.get().allowList()), null);
        } catch (DecodeLimitException e) {
            return new Outcome(null, e);
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            return new Outcome(null, new SerializationFailedException("cannot read the task's result here: worker="
                    + worker + ", pid=" + pid + ", error=" + e, e));
        }
    }

    static Throwable throwable(byte[] raw) {
        try {
            return ThrowableData.decode(raw, JvmRuntime.get().allowList());
        } catch (IOException e) {
            return new ProcessException("cannot read the worker's exception: size=" + raw.length
                    + ", error=" + e.getMessage(), e);
        }
    }
}

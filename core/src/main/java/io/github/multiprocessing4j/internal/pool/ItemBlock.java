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
import java.util.Arrays;
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
     * Encodes the arguments of elements {@code [from, to)}, to be sent with {@code function}.
     *
     * @throws SerializationFailedException naming the element and argument that cannot be serialized, or when the
     *     task (function and arguments) would not fit in one frame
     */
    static Encoded arguments(List<Object[]> elements, int from, int to, long firstIndex, FunctionRef function) {
        int count = to - from;
        byte kind = packedKind(elements, from, to);
        if (kind != CODEC) {
            Object[] values = new Object[count];
            for (int i = 0; i < count; i++) {
                values[i] = elements.get(from + i)[0];
            }
            byte[] packed = packed(kind, values);
            return new Encoded(List.of(packed), packed.length, count, Set.of());
        }
        Set<String> packages = new HashSet<>();
        ByteParts block = new ByteParts();
        DataOutputStream out = new DataOutputStream(block);
        try {
            out.writeByte(CODEC);
            out.writeInt(count);
            for (int i = 0; i < count; i++) {
                Object[] args = elements.get(from + i);
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

    private static byte packedKind(List<Object[]> elements, int from, int to) {
        if (from >= to || elements.get(from).length != 1) {
            return CODEC;
        }
        byte kind = kindOf(elements.get(from)[0]);
        for (int i = from + 1; i < to && kind != CODEC; i++) {
            if (kindOf(elements.get(i)[0]) != kind) {
                kind = CODEC;
            }
        }
        return kind;
    }

    private static byte kindOf(Object value) {
        if (value instanceof Integer) {
            return INTS;
        } else if (value instanceof Long) {
            return LONGS;
        } else if (value instanceof Double) {
            return DOUBLES;
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

    private static byte[] packed(byte kind, Object[] values) {
        int width = width(kind);
        ByteBuffer out = ByteBuffer.allocate(5 + width * values.length);
        out.put(kind).putInt(values.length);
        for (Object v : values) {
            if (kind == INTS) {
                out.putInt((Integer) v);
            } else if (kind == LONGS) {
                out.putLong((Long) v);
            } else {
                out.putDouble((Double) v);
            }
        }
        return out.array();
    }

    private static Object readPacked(byte kind, ByteBuffer in) {
        if (kind == INTS) {
            return in.getInt();
        } else if (kind == LONGS) {
            return in.getLong();
        }
        return in.getDouble();
    }

    /**
     * Reads an argument block in the worker: per element its arguments, or the exception that reading them gave.
     */
    static Object[] readArguments(ByteBuffer in, int arity) {
        byte kind = in.get();
        Object[] rows = new Object[count(in, kind != CODEC ? width(kind) : 4 * arity)];
        for (int i = 0; i < rows.length; i++) {
            if (kind != CODEC) {
                rows[i] = new Object[] {readPacked(kind, in)};
                continue;
            }
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
            rows[i] = failure != null ? failure : args;
        }
        return rows;
    }

    /** Encodes the outcomes of a chunk in the worker; a value that cannot be serialized becomes its exception. */
    static byte[] outcomes(Object[] values, Throwable[] errors) {
        byte kind = kindOf(values.length > 0 ? values[0] : null);
        for (int i = 0; i < values.length && kind != CODEC; i++) {
            if (errors[i] != null || kindOf(values[i]) != kind) {
                kind = CODEC;
            }
        }
        if (kind != CODEC) {
            return packed(kind, values);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + 16 * values.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
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
    static Outcome[] readOutcomes(ByteBuffer in, String worker, long pid) {
        byte kind = in.get();
        Outcome[] outcomes = new Outcome[count(in, kind != CODEC ? width(kind) : 5)];
        if (kind != CODEC) {
            for (int i = 0; i < outcomes.length; i++) {
                outcomes[i] = new Outcome(readPacked(kind, in), null);
            }
            return outcomes;
        }
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
        return outcomes;
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

    /** Outcomes that all carry the same failure. */
    static Outcome[] allFailed(int count, Throwable error) {
        Outcome[] all = new Outcome[count];
        Arrays.fill(all, new Outcome(null, error));
        return all;
    }
}

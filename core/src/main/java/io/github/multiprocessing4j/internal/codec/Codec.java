package io.github.multiprocessing4j.internal.codec;

import io.github.multiprocessing4j.exception.DecodeLimitException;
import io.github.multiprocessing4j.exception.SerializationFailedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Turns the objects that cross a process boundary into bytes and back.
 *
 * <p>Common values ({@code null}, {@code Integer}, {@code Long}, {@code Double}, {@code Boolean}, {@code String},
 * {@code byte[]}, {@code int[]}, {@code long[]}, {@code double[]}) take a fast path of one tag byte and their raw
 * form; everything else goes through java.io
 * serialization, read back through the {@link AllowList} filter. Every decode runs within {@link DecodeLimits}:
 * no length read from a message allocates more than the message holds. Encoding records the packages of the classes
 * written, so the sender can accept answers in the same packages. A value that cannot be serialized fails with a
 * {@link SerializationFailedException} that names the culprit ({@link SerializationDiagnosis}).
 */
public final class Codec {
    private static final byte JAVA = CodecTags.JAVA;
    private static final byte NULL = CodecTags.NULL;
    private static final byte INT = CodecTags.INT;
    private static final byte LONG = CodecTags.LONG;
    private static final byte STRING = CodecTags.STRING;
    private static final byte BYTES = CodecTags.BYTES;
    private static final byte DOUBLE = CodecTags.DOUBLE;
    private static final byte BOOLEAN = CodecTags.BOOLEAN;
    private static final byte INTS = CodecTags.INTS;
    private static final byte LONGS = CodecTags.LONGS;
    private static final byte DOUBLES = CodecTags.DOUBLES;

    private Codec() {
    }

    /** Bytes and the packages of the classes that went into them. */
    public record Encoded(byte[] bytes, Set<String> packages) {
    }

    /**
     * Encodes a value.
     *
     * @param value the value
     * @param what how to name the value in an error, e.g. "the target of Process-1"
     * @throws SerializationFailedException naming the culprit when the value cannot be serialized
     */
    public static Encoded encode(Object value, String what) {
        byte[] fast = encodeFast(value);
        if (fast != null) {
            return new Encoded(fast, Set.of());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        Set<String> packages = encodeJava(value, what, bytes);
        return new Encoded(bytes.toByteArray(), packages);
    }

    /**
     * Encodes a value that may be large (a child's task and its arguments) in parts, so that it is held once: the
     * encoded form is one copy of the value, never grown and copied again. The parts go to a channel as they are.
     *
     * @param value the value
     * @param what how to name the value in an error
     * @throws SerializationFailedException naming the culprit when the value cannot be serialized
     */
    public static Parts encodeParts(Object value, String what) {
        byte[] fast = encodeFast(value);
        if (fast != null) {
            return new Parts(java.util.List.of(fast), fast.length, Set.of());
        }
        ByteParts parts = new ByteParts();
        Set<String> packages = encodeJava(value, what, parts);
        checkSize(parts.length(), what);
        return new Parts(parts.parts(), parts.length(), packages);
    }

    /**
     * Checks that a message fits in one frame.
     *
     * @throws SerializationFailedException when it does not
     */
    public static void checkSize(long length, String what) {
        if (length > DecodeLimits.DEFAULT_BYTES) {
            throw new SerializationFailedException("cannot send " + what + ": too large, size=" + length
                    + ", limit=" + DecodeLimits.DEFAULT_BYTES + " (pass it through shared memory instead)", null);
        }
    }

    /**
     * An encoded value in parts, in order: the message is their concatenation.
     *
     * @param parts the bytes, not to be changed
     * @param length their total length
     * @param packages the packages of the classes that went into them
     */
    public record Parts(java.util.List<byte[]> parts, long length, Set<String> packages) {
        /** The bytes in one array (the array itself when there is one part). */
        public byte[] toByteArray() {
            return ByteParts.join(parts);
        }
    }

    /** The java.io form: a tag, then the serialized value. */
    private static Set<String> encodeJava(Object value, String what, OutputStream bytes) {
        try {
            bytes.write(JAVA);
            Set<String> packages = new HashSet<>();
            try (TrackingOutput out = new TrackingOutput(bytes, packages)) {
                out.writeObject(value);
            }
            return packages;
        } catch (NotSerializableException | IllegalArgumentException e) {
            throw new SerializationFailedException(SerializationDiagnosis.explain(value, what, e), e);
        } catch (IOException e) {
            throw new SerializationFailedException("cannot serialize " + what + ": " + e, e);
        }
    }

    /**
     * The head of a {@code byte[]} value's encoded form (its tag and length): the encoded form is this head followed
     * by the array itself, so a channel can write a large array without copying it into an encoded array first.
     *
     * @param length the array's length
     * @return the head, 5 bytes
     */
    public static byte[] bytesHead(int length) {
        byte[] b = new byte[5];
        b[0] = BYTES;
        putInt(b, 1, length);
        return b;
    }

    /**
     * The {@code byte[]} value whose encoded form is in {@code buffer} (in shared memory, say), copied once from
     * there, within this JVM's limits; null when the bytes there are anything else, or not well formed (then
     * {@link #decode(byte[], AllowList)} of a copy says what is wrong). Reads single bytes, whatever the buffer's
     * byte order.
     */
    public static byte[] decodeBytes(java.nio.ByteBuffer buffer, int at, int len) {
        if (len < 5 || buffer.get(at) != BYTES) {
            return null;
        }
        int count = (buffer.get(at + 1) & 0xFF) << 24 | (buffer.get(at + 2) & 0xFF) << 16
                | (buffer.get(at + 3) & 0xFF) << 8 | (buffer.get(at + 4) & 0xFF);
        DecodeLimits limits = DecodeLimits.current();
        if (count != len - 5 || len > limits.maxBytes() || count > limits.maxArrayLength()) {
            return null;
        }
        byte[] value = new byte[count];
        buffer.get(at + 5, value, 0, count);
        return value;
    }

    /** Whether a value takes the fast path (no java.io): null, boxed primitives, String, primitive arrays. */
    public static boolean isFast(Object value) {
        return value == null || value instanceof Integer || value instanceof Long || value instanceof Double
                || value instanceof Boolean || value instanceof String || value instanceof byte[]
                || value instanceof int[] || value instanceof long[] || value instanceof double[];
    }

    /**
     * The fast path, written straight into an array of the exact size (no streams: they cost more than the value
     * on a queue's small messages). The layout is DataOutput's: a tag, then big-endian numbers.
     */
    private static byte[] encodeFast(Object value) {
        if (value == null) {
            return new byte[] {NULL};
        } else if (value instanceof Integer) {
            byte[] b = new byte[5];
            b[0] = INT;
            putInt(b, 1, (Integer) value);
            return b;
        } else if (value instanceof Long) {
            return tagged(LONG, (Long) value);
        } else if (value instanceof Double) {
            return tagged(DOUBLE, Double.doubleToLongBits((Double) value));
        } else if (value instanceof Boolean) {
            return new byte[] {BOOLEAN, (byte) ((Boolean) value ? 1 : 0)};
        } else if (value instanceof String) {
            return withLength(STRING, ((String) value).getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof byte[]) {
            return withLength(BYTES, (byte[]) value); // bytesHead's layout
        } else if (value instanceof int[]) {
            int[] v = (int[]) value;
            byte[] b = header(INTS, v.length, 4);
            for (int i = 0; i < v.length; i++) {
                putInt(b, 5 + 4 * i, v[i]);
            }
            return b;
        } else if (value instanceof long[]) {
            long[] v = (long[]) value;
            byte[] b = header(LONGS, v.length, 8);
            for (int i = 0; i < v.length; i++) {
                putLong(b, 5 + 8 * i, v[i]);
            }
            return b;
        } else if (value instanceof double[]) {
            double[] v = (double[]) value;
            byte[] b = header(DOUBLES, v.length, 8);
            for (int i = 0; i < v.length; i++) {
                putLong(b, 5 + 8 * i, Double.doubleToLongBits(v[i]));
            }
            return b;
        }
        return null;
    }

    private static byte[] tagged(byte tag, long v) {
        byte[] b = new byte[9];
        b[0] = tag;
        putLong(b, 1, v);
        return b;
    }

    /** A tag, the element count, and room for the elements (an array too large for one byte[] fails here). */
    private static byte[] header(byte tag, int count, int elementSize) {
        byte[] b = new byte[Math.addExact(5, Math.multiplyExact(count, elementSize))];
        b[0] = tag;
        putInt(b, 1, count);
        return b;
    }

    private static void putLong(byte[] b, int at, long v) {
        putInt(b, at, (int) (v >>> 32));
        putInt(b, at + 4, (int) v);
    }

    /**
     * The element count after a fast-path tag, checked against the limit and the bytes present before anything is
     * allocated.
     */
    private static int count(byte[] b, int off, int len, int elementSize, DecodeLimits limits) throws IOException {
        int count = getInt(b, off + 1, off + len);
        long present = len - 5;
        if (count < 0) {
            throw new IOException("damaged message: bad length after its codec tag, length=" + count
                    + ", bytes=" + len);
        } else if ((long) count * elementSize > present) {
            throw DecodeLimits.claimsMore("length", (long) count * elementSize, present);
        } else if (count > limits.maxArrayLength()) {
            throw limits.exceeded("maxArrayLength", count, limits.maxArrayLength());
        } else if ((long) count * elementSize != present) {
            throw new IOException("damaged message: bad length after its codec tag, length=" + count
                    + ", bytes=" + len);
        }
        return count;
    }

    private static byte[] withLength(byte tag, byte[] raw) {
        byte[] b = new byte[5 + raw.length];
        b[0] = tag;
        putInt(b, 1, raw.length);
        System.arraycopy(raw, 0, b, 5, raw.length);
        return b;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    /** The int at {@code at}, which must end by {@code end}. */
    private static int getInt(byte[] b, int at, int end) throws IOException {
        if (end < at + 4) {
            throw new IOException("damaged message: truncated after its codec tag, length=" + (end - at + 1));
        }
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static long getLong(byte[] b, int at, int end) throws IOException {
        return ((long) getInt(b, at, end) << 32) | (getInt(b, at + 4, end) & 0xFFFF_FFFFL);
    }

    /**
     * Decodes a value that {@link #encode} produced in another process, within this JVM's
     * {@link DecodeLimits#current() limits}.
     *
     * @throws IOException when the bytes are damaged, or a class is not on the allow-list (the message names it)
     * @throws ClassNotFoundException when a class of the value is missing here
     * @throws DecodeLimitException when the message exceeds a limit or claims more than it holds
     */
    public static Object decode(byte[] bytes, AllowList allowList) throws IOException, ClassNotFoundException {
        return decode(bytes, allowList, DecodeLimits.current());
    }

    /**
     * Decodes a value within the given limits.
     *
     * @throws IOException when the bytes are damaged, or a class is not on the allow-list (the message names it)
     * @throws ClassNotFoundException when a class of the value is missing here
     * @throws DecodeLimitException when the message exceeds a limit or claims more than it holds
     */
    public static Object decode(byte[] bytes, AllowList allowList, DecodeLimits limits)
            throws IOException, ClassNotFoundException {
        return decode(bytes, 0, bytes.length, allowList, limits);
    }

    /**
     * Decodes a value that is a slice of a larger message (a task's argument), in place: no copy of the slice is
     * made first, within this JVM's {@link DecodeLimits#current() limits}.
     *
     * @param bytes the message
     * @param off where the value's bytes start
     * @param len how many bytes it has
     * @throws IOException when the bytes are damaged, or a class is not on the allow-list (the message names it)
     * @throws ClassNotFoundException when a class of the value is missing here
     * @throws DecodeLimitException when the message exceeds a limit or claims more than it holds
     */
    public static Object decode(byte[] bytes, int off, int len, AllowList allowList)
            throws IOException, ClassNotFoundException {
        java.util.Objects.checkFromIndexSize(off, len, bytes.length);
        return decode(bytes, off, len, allowList, DecodeLimits.current());
    }

    private static Object decode(byte[] bytes, int off, int len, AllowList allowList, DecodeLimits limits)
            throws IOException, ClassNotFoundException {
        if (len == 0) {
            throw new IOException("damaged message: empty");
        }
        if (len > limits.maxBytes()) {
            throw limits.exceeded("maxBytes", len, limits.maxBytes());
        }
        int end = off + len;
        int at = off + 5; // the first element after a tag and a count
        byte tag = bytes[off];
        switch (tag) {
            case NULL:
                return null;
            case INT:
                return getInt(bytes, off + 1, end);
            case LONG:
                return getLong(bytes, off + 1, end);
            case DOUBLE:
                return Double.longBitsToDouble(getLong(bytes, off + 1, end));
            case BOOLEAN:
                if (len < 2) {
                    throw new IOException("damaged message: truncated after its codec tag, length=1");
                }
                return bytes[off + 1] != 0;
            case STRING:
                return new String(bytes, at, count(bytes, off, len, 1, limits), StandardCharsets.UTF_8);
            case BYTES:
                return java.util.Arrays.copyOfRange(bytes, at, at + count(bytes, off, len, 1, limits));
            case INTS: {
                int[] v = new int[count(bytes, off, len, 4, limits)];
                for (int i = 0; i < v.length; i++) {
                    v[i] = getInt(bytes, at + 4 * i, end);
                }
                return v;
            }
            case LONGS: {
                long[] v = new long[count(bytes, off, len, 8, limits)];
                for (int i = 0; i < v.length; i++) {
                    v[i] = getLong(bytes, at + 8 * i, end);
                }
                return v;
            }
            case DOUBLES: {
                double[] v = new double[count(bytes, off, len, 8, limits)];
                for (int i = 0; i < v.length; i++) {
                    v[i] = Double.longBitsToDouble(getLong(bytes, at + 8 * i, end));
                }
                return v;
            }
            case JAVA:
                try (BoundedInput objects = new BoundedInput(bytes, off + 1, len - 1, allowList, limits)) {
                    return objects.readBounded();
                }
            default:
                throw new IOException("damaged message: unknown codec tag " + tag);
        }
    }

    /** Records the package of every class written. */
    private static final class TrackingOutput extends ObjectOutputStream {
        private final Set<String> packages;

        TrackingOutput(OutputStream out, Set<String> packages) throws IOException {
            super(out);
            this.packages = packages;
        }

        @Override
        protected void annotateClass(Class<?> type) {
            Class<?> c = type;
            while (c.isArray()) {
                c = c.getComponentType();
            }
            if (!c.isPrimitive()) {
                packages.add(c.getPackageName()); // "" for the unnamed package
            }
        }
    }
}

package io.github.multiprocessing4j.internal.codec;

import io.github.multiprocessing4j.SerializationFailedException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Turns the objects that cross a process boundary into bytes and back.
 *
 * <p>Common values ({@code null}, {@code Integer}, {@code Long}, {@code Double}, {@code Boolean}, {@code String},
 * {@code byte[]}) take a fast path of one tag byte and their raw form; everything else goes through java.io
 * serialization, read back through the {@link AllowList} filter. Encoding records the packages of the classes
 * written, so the sender can accept answers in the same packages. A value that cannot be serialized fails with a
 * {@link SerializationFailedException} that names the culprit ({@link SerializationDiagnosis}).
 */
public final class Codec {
    private static final byte JAVA = 0;
    private static final byte NULL = 1;
    private static final byte INT = 2;
    private static final byte LONG = 3;
    private static final byte STRING = 4;
    private static final byte BYTES = 5;
    private static final byte DOUBLE = 6;
    private static final byte BOOLEAN = 7;

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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try {
            if (!encodeFast(value, bytes)) {
                bytes.write(JAVA);
                Set<String> packages = new HashSet<>();
                try (TrackingOutput out = new TrackingOutput(bytes, packages)) {
                    out.writeObject(value);
                }
                return new Encoded(bytes.toByteArray(), packages);
            }
        } catch (NotSerializableException | IllegalArgumentException e) {
            throw new SerializationFailedException(SerializationDiagnosis.explain(value, what, e), e);
        } catch (IOException e) {
            throw new SerializationFailedException("cannot serialize " + what + ": " + e, e);
        }
        return new Encoded(bytes.toByteArray(), Set.of());
    }

    private static boolean encodeFast(Object value, ByteArrayOutputStream bytes) throws IOException {
        DataOutputStream out = new DataOutputStream(bytes);
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof Integer) {
            out.writeByte(INT);
            out.writeInt((Integer) value);
        } else if (value instanceof Long) {
            out.writeByte(LONG);
            out.writeLong((Long) value);
        } else if (value instanceof Double) {
            out.writeByte(DOUBLE);
            out.writeDouble((Double) value);
        } else if (value instanceof Boolean) {
            out.writeByte(BOOLEAN);
            out.writeBoolean((Boolean) value);
        } else if (value instanceof String) {
            byte[] utf8 = ((String) value).getBytes(StandardCharsets.UTF_8);
            out.writeByte(STRING);
            out.writeInt(utf8.length);
            out.write(utf8);
        } else if (value instanceof byte[]) {
            byte[] raw = (byte[]) value;
            out.writeByte(BYTES);
            out.writeInt(raw.length);
            out.write(raw);
        } else {
            return false;
        }
        return true;
    }

    /**
     * Decodes a value that {@link #encode} produced in another process.
     *
     * @throws IOException when the bytes are damaged, or a class is not on the allow-list (the message names it)
     * @throws ClassNotFoundException when a class of the value is missing here
     */
    public static Object decode(byte[] bytes, AllowList allowList) throws IOException, ClassNotFoundException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        byte tag = in.readByte();
        switch (tag) {
            case NULL:
                return null;
            case INT:
                return in.readInt();
            case LONG:
                return in.readLong();
            case DOUBLE:
                return in.readDouble();
            case BOOLEAN:
                return in.readBoolean();
            case STRING: {
                byte[] utf8 = in.readNBytes(in.readInt());
                return new String(utf8, StandardCharsets.UTF_8);
            }
            case BYTES:
                return in.readNBytes(in.readInt());
            case JAVA:
                try (FilteredInput objects = new FilteredInput(in, allowList)) {
                    return objects.readObject();
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

    /** Applies the allow-list, and falls back to the context class loader for classes the default cannot see. */
    private static final class FilteredInput extends ObjectInputStream {
        private final AllowList allowList;

        FilteredInput(InputStream in, AllowList allowList) throws IOException {
            super(in);
            this.allowList = allowList;
            setObjectInputFilter(allowList);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            Class<?> resolved;
            try {
                resolved = super.resolveClass(desc);
            } catch (ClassNotFoundException e) {
                ClassLoader context = Thread.currentThread().getContextClassLoader();
                if (context == null) {
                    throw e;
                }
                resolved = Class.forName(desc.getName(), false, context);
            }
            if (!allowList.allows(resolved)) {
                throw new java.io.InvalidClassException(desc.getName(),
                        "rejected by the deserialization allow-list; allow it with -D" + AllowList.PROPERTY
                                + "=" + (resolved.getPackageName().isEmpty() ? desc.getName()
                                        : resolved.getPackageName() + ".*"));
            }
            return resolved;
        }
    }
}

package io.github.multiprocessing4j.internal.codec;

import io.github.multiprocessing4j.exception.RemoteThrowable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Sends an exception to another process so that the receiver always gets something faithful: the original
 * object when it serializes and its class loads there, otherwise a {@link RemoteThrowable} rebuilt from a portable
 * form (class name, message, frames, causes, suppressed) that needs no class of the sender.
 */
public final class ThrowableData {
    private static final int MAX_CHAIN = 64;
    /** The fewest bytes a stack frame takes: four absent strings, two empty ones and a line number. */
    private static final int MIN_FRAME = 4 + 2 * 4 + 4;

    private ThrowableData() {
    }

    /** Encodes an exception: its portable form, then its java.io form when it has one. Never throws. */
    public static byte[] encode(Throwable t) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            writePortable(out, t, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
            byte[] original;
            try {
                original = Codec.encode(t, "the exception").bytes();
            } catch (RuntimeException e) {
                original = new byte[0];
            }
            out.writeInt(original.length);
            out.write(original);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes what {@link #encode} wrote: the original exception if possible, else a faithful stand-in. No count or
     * length read from the bytes allocates more than the bytes left could fill, and causes nest at most as deep as
     * {@link #encode} writes them.
     *
     * @throws IOException when the bytes are damaged
     * @throws io.github.multiprocessing4j.exception.DecodeLimitException when a length claims more than is left
     */
    public static Throwable decode(byte[] bytes, AllowList allowList) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        Throwable portable = readPortable(in, 0);
        if (portable == null) {
            throw new IOException("damaged exception: no portable form, size=" + bytes.length);
        }
        byte[] original = in.readNBytes(length(in, 1));
        if (original.length > 0) {
            try {
                Object decoded = Codec.decode(original, allowList);
                if (decoded instanceof Throwable) {
                    return (Throwable) decoded;
                }
            } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
                portable.addSuppressed(new RemoteThrowable(e.getClass().getName(),
                        "the original exception could not be rebuilt here, showing its portable form: "
                                + e.getMessage()));
            }
        }
        return portable;
    }

    private static void writePortable(DataOutputStream out, Throwable t, Set<Throwable> seen, int depth)
            throws IOException {
        if (t == null || depth > MAX_CHAIN || !seen.add(t)) {
            out.writeBoolean(false);
            return;
        }
        out.writeBoolean(true);
        writeString(out, t instanceof RemoteThrowable ? ((RemoteThrowable) t).originalClassName() : t.getClass().getName());
        writeNullable(out, safeMessage(t));
        StackTraceElement[] frames = t.getStackTrace();
        out.writeInt(frames.length);
        for (StackTraceElement f : frames) {
            writeNullable(out, f.getClassLoaderName());
            writeNullable(out, f.getModuleName());
            writeNullable(out, f.getModuleVersion());
            writeString(out, f.getClassName());
            writeString(out, f.getMethodName());
            writeNullable(out, f.getFileName());
            out.writeInt(f.getLineNumber());
        }
        writePortable(out, t.getCause(), seen, depth + 1);
        Throwable[] suppressed = t.getSuppressed();
        out.writeInt(suppressed.length);
        for (Throwable s : suppressed) {
            writePortable(out, s, seen, depth + 1);
        }
    }

    private static RemoteThrowable readPortable(DataInputStream in, int depth) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        if (depth > MAX_CHAIN + 1) {
            throw new IOException("damaged exception: causes nest deeper than " + MAX_CHAIN);
        }
        RemoteThrowable t = new RemoteThrowable(readString(in), readNullable(in));
        int n = length(in, MIN_FRAME);
        List<StackTraceElement> frames = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            frames.add(new StackTraceElement(readNullable(in), readNullable(in), readNullable(in), readString(in),
                    readString(in), readNullable(in), in.readInt()));
        }
        t.setStackTrace(frames.toArray(new StackTraceElement[0]));
        RemoteThrowable cause = readPortable(in, depth + 1);
        if (cause != null) {
            t.initCause(cause);
        }
        int suppressed = length(in, 1);
        for (int i = 0; i < suppressed; i++) {
            RemoteThrowable s = readPortable(in, depth + 1);
            if (s != null) {
                t.addSuppressed(s);
            }
        }
        return t;
    }

    private static String safeMessage(Throwable t) {
        try {
            String m = t.getMessage();
            return m != null && m.length() > 60_000 ? m.substring(0, 60_000) + "..." : m;
        } catch (RuntimeException e) {
            return "(getMessage() threw " + e + ")";
        }
    }

    private static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            writeString(out, s);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? readString(in) : null;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        return new String(in.readNBytes(length(in, 1)), StandardCharsets.UTF_8);
    }

    /** A count of items of at least {@code minSize} bytes each, which the bytes left must be able to hold. */
    private static int length(DataInputStream in, int minSize) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("damaged exception: negative length=" + n);
        }
        if ((long) n * minSize > in.available()) {
            throw DecodeLimits.claimsMore("length", n, in.available());
        }
        return n;
    }
}

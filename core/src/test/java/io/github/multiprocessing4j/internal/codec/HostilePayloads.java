package io.github.multiprocessing4j.internal.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Messages that a damaged or hostile peer could send, as codec bytes; for the decode-limit tests. */
public final class HostilePayloads {
    private HostilePayloads() {
    }

    /** Every payload by name, in a fixed order. */
    public static Map<String, byte[]> all() {
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put("javaIntArray8GiB", javaArrayClaiming(new int[0], Integer.MAX_VALUE));
        all.put("javaObjectArrayHuge", javaArrayClaiming(new Object[0], Integer.MAX_VALUE));
        all.put("fastIntArrayHuge", fastClaiming(new int[0], Integer.MAX_VALUE));
        all.put("fastStringHuge", fastClaiming("", Integer.MAX_VALUE - 8));
        all.put("hashSetBomb60", Codec.encode(hashSetBomb(60), "the bomb").bytes());
        all.put("javaLongStringHuge", javaLongString(Integer.MAX_VALUE - 16));
        return all;
    }

    /**
     * The java.io form of an empty array whose length field then claims {@code length} elements: for
     * {@code int[]} and {@code Integer.MAX_VALUE}, 8 GiB in a message of a few dozen bytes.
     */
    public static byte[] javaArrayClaiming(Object emptyArray, int length) {
        // written by java.io itself (Codec would take its fast path for an int[]): it ends with the length
        return patchLastInt(javaStream(emptyArray), length);
    }

    /** A fast-path message (int[], String...) of an empty value whose length field claims {@code length}. */
    public static byte[] fastClaiming(Object emptyValue, int length) {
        byte[] b = Codec.encode(emptyValue, "value").bytes();
        putInt(b, 1, length);
        return b;
    }

    /**
     * The "SerialDOS" bomb: nested {@code HashSet}s, {@code depth} levels, where each level holds two sets of the
     * next that share their elements; hashing the root visits 2^depth sets. Built without hashing anything large.
     */
    public static Set<Object> hashSetBomb(int depth) {
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < depth; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("foo"); // t1 != t2
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        return root;
    }

    /** A java.io TC_LONGSTRING whose length claims {@code length} bytes and holds none. */
    public static byte[] javaLongString(long length) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(javaStream(null));
        bytes.write(0x7C); // TC_LONGSTRING
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes.write((int) (length >>> shift));
        }
        return bytes.toByteArray();
    }

    private static byte[] javaStream(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(CodecTags.JAVA);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            if (value != null) {
                out.writeObject(value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] patchLastInt(byte[] b, int value) {
        putInt(b, b.length - 4, value);
        return b;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}

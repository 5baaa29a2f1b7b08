package io.github.multiprocessing4j.internal.codec;

/**
 * The first byte of every encoded value or task: the one registry of codec tags, so that no two forms share one.
 * Frame tags are in {@code internal.wire.FrameType}.
 *
 * <pre>
 *   0 JAVA      java.io serialization behind the allow-list
 *   1 NULL      2 INT      3 LONG     4 STRING   5 BYTES    6 DOUBLE
 *   7 BOOLEAN   8 INTS     9 LONGS   10 DOUBLES                          the codec's fast path
 * 100 DIRECT_TASK   a process's task as a static method and fast-path values (internal.process.DirectTask)
 * </pre>
 */
public final class CodecTags {
    public static final byte JAVA = 0;
    public static final byte NULL = 1;
    public static final byte INT = 2;
    public static final byte LONG = 3;
    public static final byte STRING = 4;
    public static final byte BYTES = 5;
    public static final byte DOUBLE = 6;
    public static final byte BOOLEAN = 7;
    public static final byte INTS = 8;
    public static final byte LONGS = 9;
    public static final byte DOUBLES = 10;
    public static final byte DIRECT_TASK = 100;

    private CodecTags() {
    }
}

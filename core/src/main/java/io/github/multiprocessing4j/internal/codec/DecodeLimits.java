package io.github.multiprocessing4j.internal.codec;

import io.github.multiprocessing4j.exception.DecodeLimitException;

/**
 * The limits every decode runs with, besides the {@link AllowList}: so that no message, damaged or hostile, can
 * make a reader allocate what it merely claims, recurse without end or spin for minutes. Read once per JVM from
 * system properties ({@code multiprocessing4j.decode.maxDepth}, {@code .maxArrayLength}, {@code .maxReferences},
 * {@code .maxBytes}); a child inherits them with the parent's command-line options.
 *
 * <p>Whatever the limits, no array, string or collection is allocated larger than the bytes that follow its length
 * in the message could fill (a collection's table may be a few times its element count, as the JDK sizes it).
 *
 * @param maxDepth how deeply objects may nest (java.io graph depth); default {@value #DEFAULT_DEPTH}
 * @param maxArrayLength the longest array or string; default: no limit beyond the message's size
 * @param maxReferences objects and back-references in one message, and the size of any collection read as a tree
 *        (an element reached twice counts twice: what hashing it costs), which sharing may make at most a tenth
 *        of this larger than the objects read; default {@value #DEFAULT_REFERENCES}
 * @param maxBytes the largest message decoded; default {@value #DEFAULT_BYTES}, the largest frame
 */
public record DecodeLimits(int maxDepth, int maxArrayLength, long maxReferences, int maxBytes) {
    /** The prefix of the limits' system properties. */
    public static final String PREFIX = "multiprocessing4j.decode.";
    static final int DEFAULT_DEPTH = 1000;
    static final long DEFAULT_REFERENCES = 10_000_000;
    /** Frame.MAX_PAYLOAD: no message is larger. */
    static final int DEFAULT_BYTES = 1 << 30;

    private static volatile DecodeLimits current;

    /** Checks the limits: all positive. */
    public DecodeLimits {
        if (maxDepth < 1 || maxArrayLength < 0 || maxReferences < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("decode limits must be positive: maxDepth=" + maxDepth
                    + ", maxArrayLength=" + maxArrayLength + ", maxReferences=" + maxReferences
                    + ", maxBytes=" + maxBytes);
        }
    }

    /** The defaults, ignoring system properties. */
    public static DecodeLimits defaults() {
        return new DecodeLimits(DEFAULT_DEPTH, Integer.MAX_VALUE, DEFAULT_REFERENCES, DEFAULT_BYTES);
    }

    /**
     * This JVM's limits: the defaults, changed by the system properties, read at first use.
     *
     * @throws IllegalArgumentException naming the property when one is not a positive number
     */
    public static DecodeLimits current() {
        DecodeLimits limits = current;
        if (limits == null) {
            DecodeLimits d = defaults();
            limits = new DecodeLimits((int) property("maxDepth", d.maxDepth, Integer.MAX_VALUE),
                    (int) property("maxArrayLength", d.maxArrayLength, Integer.MAX_VALUE),
                    property("maxReferences", d.maxReferences, Long.MAX_VALUE),
                    (int) property("maxBytes", d.maxBytes, Integer.MAX_VALUE));
            current = limits;
        }
        return limits;
    }

    private static long property(String name, long fallback, long max) {
        String value = System.getProperty(PREFIX + name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= 1 && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, with the valid range
        }
        throw new IllegalArgumentException("invalid decode limit: property=" + PREFIX + name + ", value=" + value
                + ", valid=1.." + max);
    }

    /** The exception for a value over a limit. */
    DecodeLimitException exceeded(String limit, long value, long max) {
        return new DecodeLimitException("message exceeds a decoding limit: limit=" + limit + ", value=" + value
                + ", max=" + max + ", property=" + PREFIX + limit);
    }

    /** The exception for a length larger than the bytes that follow it. */
    public static DecodeLimitException claimsMore(String what, long claimed, long present) {
        return new DecodeLimitException("message claims more than it holds: " + what + "=" + claimed
                + ", bytesLeft=" + present);
    }
}

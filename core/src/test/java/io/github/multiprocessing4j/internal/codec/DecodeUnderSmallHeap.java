package io.github.multiprocessing4j.internal.codec;

import java.util.Map;

/**
 * A child-JVM fixture, run with a small heap: decodes every {@link HostilePayloads} message and prints, per line,
 * its name, what the decode threw and how long it took.
 */
public final class DecodeUnderSmallHeap {
    private DecodeUnderSmallHeap() {
    }

    public static void main(String[] args) {
        AllowList allowList = new AllowList();
        for (Map.Entry<String, byte[]> payload : HostilePayloads.all().entrySet()) {
            long start = System.nanoTime();
            String outcome;
            try {
                Object value = Codec.decode(payload.getValue(), allowList);
                outcome = "decoded:" + (value == null ? "null" : value.getClass().getName());
            } catch (Throwable t) {
                outcome = t.getClass().getName();
            }
            System.out.println(payload.getKey() + " " + outcome + " " + (System.nanoTime() - start) / 1_000_000);
        }
    }
}

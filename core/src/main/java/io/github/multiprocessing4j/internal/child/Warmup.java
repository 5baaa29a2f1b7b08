package io.github.multiprocessing4j.internal.child;

import io.github.multiprocessing4j.Target1;

/** A sample task for warming up a JVM: decoding it loads what decoding a user's lambda needs. */
public final class Warmup {
    private Warmup() {
    }

    /** A serializable lambda that captures a value, as user targets often do. */
    public static Object sample() {
        String captured = "warm";
        Target1<String> target = s -> System.identityHashCode(captured + s);
        return target;
    }
}

package io.github.multiprocessing4j.internal.child;

import io.github.multiprocessing4j.function.Target1;

/** A sample task for warming up a JVM: decoding it loads what decoding a user's lambda needs. */
public final class Warmup {
    private Warmup() {
    }

    /** A direct task (see DirectTask) that calls {@link #touch}, to warm up that path. */
    public static byte[] directSample() {
        Target1<String> target = Warmup::touch;
        return io.github.multiprocessing4j.internal.process.DirectTask.encode(target, new Object[] {"warm"},
                "warm-up", false, new int[0]);
    }

    /**
     * The sample task's body. Public because a serializable method reference to a less accessible method would
     * make it callable by anyone who forges the serialized form (javac's serial lint).
     *
     * @param s any string
     */
    public static void touch(String s) {
        System.identityHashCode(s);
    }

    /** A serializable lambda that captures a value, as user targets often do. */
    public static Object sample() {
        String captured = "warm";
        Target1<String> target = s -> System.identityHashCode(captured + s);
        return target;
    }
}

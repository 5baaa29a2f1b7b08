package io.github.multiprocessing4j.internal.process;

import io.github.multiprocessing4j.function.Target1;
import io.github.multiprocessing4j.internal.codec.AllowList;
import io.github.multiprocessing4j.internal.codec.Codec;

/** Sample tasks for warming up a JVM: running or decoding them loads what a user's task will need. */
public final class Warmup {
    private Warmup() {
    }

    /** A direct task (see DirectTask) that calls {@link #touch}, to warm up that path. */
    public static byte[] directSample() {
        Target1<String> target = Warmup::touch;
        return DirectTask.encode(target, new Object[] {"warm"}, new AllowList()).toByteArray();
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
    static Object sample() {
        String captured = "warm";
        Target1<String> target = s -> System.identityHashCode(captured + s);
        return target;
    }

    /** Encodes, decodes and calls a capturing lambda: java.io and the lambda bootstrap, both ways. */
    public static void roundTrip(AllowList allowList) throws Exception {
        Object decoded = Codec.decode(Codec.encode(sample(), "the warm-up sample").bytes(), allowList);
        Targets.invoke(decoded, new Object[] {"warm"});
    }
}

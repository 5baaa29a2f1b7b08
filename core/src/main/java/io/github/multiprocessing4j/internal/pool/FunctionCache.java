package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.internal.codec.Codec;
import io.github.multiprocessing4j.internal.codec.Lambdas;
import java.lang.invoke.SerializedLambda;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Encodes each task function object once. A non-capturing lambda is one object for the life of the JVM, so a
 * loop of {@code apply} calls encodes it once; a capturing lambda is a new object each time and is encoded each
 * time. Entries go when the function object is garbage.
 */
public final class FunctionCache {
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final Map<Object, FunctionRef> CACHE = new WeakHashMap<>();

    private FunctionCache() {
    }

    /**
     * The encoded form of a function.
     *
     * @throws io.github.multiprocessing4j.exception.SerializationFailedException naming the culprit
     */
    public static FunctionRef of(Object function, int arity) {
        synchronized (CACHE) {
            FunctionRef ref = CACHE.get(function);
            if (ref != null && ref.arity() == arity) {
                return ref;
            }
        }
        String what = "the task function " + function.getClass().getName();
        Codec.Parts encoded = Codec.encodeParts(function, what);
        JvmRuntime.get().allowList().learn(encoded.packages());
        SerializedLambda form = Lambdas.serializedForm(function);
        boolean stateless = form != null && form.getCapturedArgCount() == 0;
        FunctionRef ref = new FunctionRef(IDS.incrementAndGet(), encoded.parts(), encoded.length(),
                encoded.packages(), arity, what,
                stateless);
        synchronized (CACHE) {
            CACHE.put(function, ref);
        }
        return ref;
    }
}

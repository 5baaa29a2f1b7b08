package io.github.multiprocessing4j.internal.codec;

import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;

/**
 * Looks inside serializable lambdas and method references: their {@link SerializedLambda} form says which method
 * they stand for and what they captured.
 */
public final class Lambdas {
    private Lambdas() {
    }

    /** The serialized form of a serializable lambda, or null when the object is not one (or is not accessible). */
    public static SerializedLambda serializedForm(Object lambda) {
        if (lambda == null || !lambda.getClass().isSynthetic()) {
            return null;
        }
        try {
            Method writeReplace = lambda.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            Object form = writeReplace.invoke(lambda);
            return form instanceof SerializedLambda ? (SerializedLambda) form : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** {@code lambda com.example.App.lambda$main$0} or {@code method reference com.example.App::cook}. */
    public static String describe(SerializedLambda form) {
        String owner = form.getImplClass().replace('/', '.');
        String method = form.getImplMethodName();
        if (method.startsWith("lambda$")) {
            return "lambda " + owner + "." + method;
        }
        return "method reference " + owner + "::" + method;
    }
}

package io.github.multiprocessing4j.internal.codec;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;

/**
 * Looks inside serializable lambdas and method references: their {@link SerializedLambda} form says which method
 * they stand for and what they captured.
 */
public final class Lambdas {
    /**
     * Each lambda class's accessible {@code writeReplace}, looked up once (a capturing lambda submitted in a loop
     * is a new object of the same class each time); empty when it cannot be made accessible or is missing.
     */
    private static final ClassValue<java.util.Optional<Method>> WRITE_REPLACE = new ClassValue<>() {
        @Override
        protected java.util.Optional<Method> computeValue(Class<?> type) {
            try {
                Method writeReplace = type.getDeclaredMethod("writeReplace");
                writeReplace.setAccessible(true);
                return java.util.Optional.of(writeReplace);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return java.util.Optional.empty();
            }
        }
    };

    private Lambdas() {
    }

    /**
     * The serialized form of a serializable lambda, or null when the object is not one.
     *
     * <p>A lambda's {@code writeReplace} is private to its class; when that class is in a named module that does
     * not open its package to this library, {@code setAccessible} fails and the form is taken from java.io
     * serialization instead, which calls {@code writeReplace} on the JDK's authority.
     */
    public static SerializedLambda serializedForm(Object lambda) {
        if (lambda == null || !lambda.getClass().isSynthetic()) {
            return null;
        }
        Method writeReplace = WRITE_REPLACE.get(lambda.getClass()).orElse(null);
        if (writeReplace == null) {
            return lambda instanceof Serializable ? viaSerialization(lambda) : null;
        }
        try {
            Object form = writeReplace.invoke(lambda);
            return form instanceof SerializedLambda ? (SerializedLambda) form : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static SerializedLambda viaSerialization(Object lambda) {
        try (FormCatcher catcher = new FormCatcher()) {
            catcher.writeObject(lambda);
            return catcher.form;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Keeps the lambda's replacement and writes nothing of it: its captured values are not serialized. */
    private static final class FormCatcher extends ObjectOutputStream {
        private SerializedLambda form;

        FormCatcher() throws IOException {
            super(OutputStream.nullOutputStream());
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object obj) {
            if (form == null && obj instanceof SerializedLambda) {
                form = (SerializedLambda) obj;
                return null;
            }
            return obj;
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

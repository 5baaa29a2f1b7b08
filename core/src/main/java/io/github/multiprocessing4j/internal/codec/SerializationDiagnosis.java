package io.github.multiprocessing4j.internal.codec;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Finds the value that made serialization fail and says where it sits: which captured value of which lambda, which
 * field of which object, which element of which array or collection. java.io only names the class.
 */
final class SerializationDiagnosis {
    private static final int MAX_DEPTH = 64;

    private SerializationDiagnosis() {
    }

    static String explain(Object root, String what, Exception failure) {
        String path = find(root, isLambda(root == null ? Object.class : root.getClass()) ? describe(root) : what, new IdentityHashMap<>(), 0);
        if (path == null) {
            return "cannot serialize " + what + ": " + failure;
        }
        return "cannot serialize " + what + ": " + path;
    }

    /** Returns the path to the first culprit, or null when none is found below this value. */
    private static String find(Object value, String path, Map<Object, Boolean> seen, int depth) {
        if (value == null || depth > MAX_DEPTH || seen.put(value, Boolean.TRUE) != null) {
            return null;
        }
        Class<?> type = value.getClass();
        if (isLambda(type)) {
            return findInLambda(value, path, seen, depth);
        }
        if (!(value instanceof Serializable)) {
            return path + " is of type " + type.getName() + ", which does not implement java.io.Serializable";
        }
        if (type.isArray()) {
            if (type.getComponentType().isPrimitive()) {
                return null;
            }
            for (int i = 0; i < Array.getLength(value); i++) {
                String found = find(Array.get(value, i), "element " + i + " of " + path, seen, depth + 1);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (value instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                String found = find(e.getKey(), "a key of " + path, seen, depth + 1);
                if (found == null) {
                    found = find(e.getValue(), "the value for key " + e.getKey() + " of " + path, seen, depth + 1);
                }
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (value instanceof Collection) {
            int i = 0;
            for (Object element : (Collection<?>) value) {
                String found = find(element, "element " + i++ + " of " + path, seen, depth + 1);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        return findInFields(value, path, seen, depth);
    }

    private static String findInFields(Object value, String path, Map<Object, Boolean> seen, int depth) {
        for (Class<?> c = value.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            if (c.getModule().isNamed() && c.getModule().getName().startsWith("java.")) {
                return null; // the JDK's classes serialize their own state; we cannot look inside them
            }
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.getType().isPrimitive()) {
                    continue;
                }
                Object fieldValue;
                try {
                    field.setAccessible(true);
                    fieldValue = field.get(value);
                } catch (RuntimeException | IllegalAccessException e) {
                    continue;
                }
                String where = "field '" + field.getName() + "' of " + path;
                String found = find(fieldValue, where, seen, depth + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String findInLambda(Object lambda, String path, Map<Object, Boolean> seen, int depth) {
        if (!(lambda instanceof Serializable)) {
            return path + " is a lambda whose functional interface does not extend java.io.Serializable"
                    + " (declare it as a Target type or cast it, e.g. (Runnable & Serializable))";
        }
        SerializedLambda form = Lambdas.serializedForm(lambda);
        if (form == null) {
            return null;
        }
        String name = Lambdas.describe(form);
        for (int i = 0; i < form.getCapturedArgCount(); i++) {
            Object captured = form.getCapturedArg(i);
            String role = captured != null && captured.getClass().getName().equals(
                    form.getCapturingClass().replace('/', '.')) ? " (the enclosing instance 'this')" : "";
            String where = "captured value #" + i + role + " of " + name;
            String found = find(captured, where, seen, depth + 1);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static boolean isLambda(Class<?> type) {
        return type.isSynthetic() && type.getName().contains("$$Lambda");
    }

    private static String describe(Object root) {
        if (root == null) {
            return "null";
        }
        if (isLambda(root.getClass())) {
            SerializedLambda form = root instanceof Serializable ? Lambdas.serializedForm(root) : null;
            return form != null ? Lambdas.describe(form) : "a lambda of " + root.getClass().getName();
        }
        return "the object of type " + root.getClass().getName();
    }
}

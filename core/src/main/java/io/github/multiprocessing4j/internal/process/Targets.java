package io.github.multiprocessing4j.internal.process;

import io.github.multiprocessing4j.function.Target0;
import io.github.multiprocessing4j.function.Target1;
import io.github.multiprocessing4j.function.Target2;
import io.github.multiprocessing4j.function.Target3;
import io.github.multiprocessing4j.function.Target4;
import io.github.multiprocessing4j.internal.codec.Lambdas;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Calls a target with positional arguments, and binds keyword arguments to positions by the parameter names of
 * the method a lambda or method reference stands for (Python's {@code target(*args, **kwargs)}). Binding happens
 * in the parent so that a wrong name, a missing or surplus argument or a wrong type fails at the call.
 */
public final class Targets {
    /** The signature depends only on the lambda's class (its method and how many values it captures). */
    private static final ClassValue<java.util.concurrent.atomic.AtomicReference<java.util.Optional<Signature>>>
            SIGNATURES = new ClassValue<>() {
                @Override
                protected java.util.concurrent.atomic.AtomicReference<java.util.Optional<Signature>> computeValue(
                        Class<?> type) {
                    return new java.util.concurrent.atomic.AtomicReference<>();
                }
            };

    private Targets() {
    }

    /** The number of arguments a target takes. */
    public static int arity(Object target) {
        if (target instanceof Target0) {
            return 0;
        } else if (target instanceof Target1) {
            return 1;
        } else if (target instanceof Target2) {
            return 2;
        } else if (target instanceof Target3) {
            return 3;
        } else if (target instanceof Target4) {
            return 4;
        }
        throw new IllegalArgumentException("not a target: " + target);
    }

    /** Runs a target with its bound arguments. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void invoke(Object target, Object[] args) throws Exception {
        switch (arity(target)) {
            case 0:
                ((Target0) target).run();
                break;
            case 1:
                ((Target1) target).run(args[0]);
                break;
            case 2:
                ((Target2) target).run(args[0], args[1]);
                break;
            case 3:
                ((Target3) target).run(args[0], args[1], args[2]);
                break;
            default:
                ((Target4) target).run(args[0], args[1], args[2], args[3]);
                break;
        }
    }

    /**
     * Binds positional and keyword arguments to the target's parameters.
     *
     * @return the arguments in positional order
     * @throws IllegalArgumentException naming the parameter, the method and what is wrong
     */
    public static Object[] bind(Object target, Object[] positional, Map<String, ?> keywords) {
        int arity = arity(target);
        java.util.concurrent.atomic.AtomicReference<java.util.Optional<Signature>> cached =
                SIGNATURES.get(target.getClass());
        if (cached.get() == null) {
            cached.set(java.util.Optional.ofNullable(Signature.of(target, arity)));
        }
        Signature signature = cached.get().orElse(null);
        if (positional.length > arity) {
            throw new IllegalArgumentException("too many arguments: target=" + describe(signature, target)
                    + ", takes=" + arity + ", given=" + positional.length);
        }
        Object[] bound = Arrays.copyOf(positional, arity);
        boolean[] set = new boolean[arity];
        Arrays.fill(set, 0, positional.length, true);
        if (!keywords.isEmpty()) {
            List<String> names = signature == null ? null : signature.names();
            if (names == null) {
                throw new IllegalArgumentException("keyword arguments need the target's parameter names, but "
                        + describe(signature, target) + " was compiled without them: compile with javac"
                        + " -parameters (Maven: <parameters>true</parameters>) or pass the arguments by position");
            }
            for (Map.Entry<String, ?> e : keywords.entrySet()) {
                int index = names.indexOf(e.getKey());
                if (index < 0) {
                    throw new IllegalArgumentException("no parameter named '" + e.getKey() + "': target="
                            + describe(signature, target) + ", parameters=" + names);
                }
                if (set[index]) {
                    throw new IllegalArgumentException("got multiple values for argument '" + e.getKey()
                            + "': target=" + describe(signature, target));
                }
                bound[index] = e.getValue();
                set[index] = true;
            }
        }
        for (int i = 0; i < arity; i++) {
            if (!set[i]) {
                String name = signature != null && signature.names() != null ? "'" + signature.names().get(i) + "'"
                        : "#" + i;
                throw new IllegalArgumentException("missing argument " + name + ": target="
                        + describe(signature, target) + ", takes=" + arity + ", given=" + countSet(set));
            }
        }
        if (signature != null) {
            signature.checkTypes(bound);
        }
        return bound;
    }

    private static int countSet(boolean[] set) {
        int n = 0;
        for (boolean b : set) {
            n += b ? 1 : 0;
        }
        return n;
    }

    private static String describe(Signature signature, Object target) {
        return signature != null ? signature.toString() : target.getClass().getName();
    }

    /** The parameters of the method behind a lambda or method reference, as the target's arguments see them. */
    private static final class Signature {
        private final Executable method;
        private final List<Class<?>> types;
        private final List<String> names;

        private Signature(Executable method, List<Class<?>> types, List<String> names) {
            this.method = method;
            this.types = types;
            this.names = names;
        }

        static Signature of(Object target, int arity) {
            SerializedLambda form = Lambdas.serializedForm(target);
            if (form == null) {
                return null;
            }
            Executable method = find(form, target.getClass().getClassLoader());
            if (method == null) {
                return null;
            }
            Parameter[] parameters = method.getParameters();
            List<Class<?>> types = new ArrayList<>();
            List<String> names = new ArrayList<>();
            boolean named = true;
            int kind = form.getImplMethodKind();
            boolean instance = kind == MethodHandleInfo.REF_invokeVirtual
                    || kind == MethodHandleInfo.REF_invokeInterface || kind == MethodHandleInfo.REF_invokeSpecial;
            int skip = form.getCapturedArgCount();
            if (instance && skip == 0) {
                types.add(method.getDeclaringClass()); // an unbound receiver is the first argument
                names.add("this");
            } else if (instance) {
                skip--; // the captured receiver is not a parameter
            }
            for (int i = skip; i < parameters.length; i++) {
                types.add(parameters[i].getType());
                names.add(parameters[i].getName());
                named &= parameters[i].isNamePresent();
            }
            if (types.size() != arity) {
                return null;
            }
            return new Signature(method, types, named ? names : null);
        }

        List<String> names() {
            return names;
        }

        void checkTypes(Object[] args) {
            for (int i = 0; i < args.length; i++) {
                Class<?> type = types.get(i);
                Object value = args[i];
                String which = names != null ? "'" + names.get(i) + "'" : "#" + i;
                if (value == null) {
                    if (type.isPrimitive()) {
                        throw new IllegalArgumentException("argument " + which + " is null but the parameter is "
                                + type + ": target=" + this);
                    }
                } else if (!box(type).isInstance(value)) {
                    throw new IllegalArgumentException("argument " + which + " has the wrong type: target=" + this
                            + ", expected=" + type.getName() + ", given=" + value.getClass().getName());
                }
            }
        }

        private static Class<?> box(Class<?> type) {
            if (!type.isPrimitive()) {
                return type;
            }
            return java.lang.invoke.MethodType.methodType(type).wrap().returnType();
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(method.getDeclaringClass().getName()).append('.')
                    .append(method instanceof Method ? method.getName() : "<init>").append('(');
            for (int i = 0; i < types.size(); i++) {
                s.append(i > 0 ? ", " : "").append(types.get(i).getSimpleName());
                if (names != null) {
                    s.append(' ').append(names.get(i));
                }
            }
            return s.append(')').toString();
        }

        private static Executable find(SerializedLambda form, ClassLoader loader) {
            try {
                Class<?> owner = Class.forName(form.getImplClass().replace('/', '.'), false, loader);
                java.lang.invoke.MethodType type = java.lang.invoke.MethodType.fromMethodDescriptorString(
                        form.getImplMethodSignature(), loader);
                if (form.getImplMethodKind() == MethodHandleInfo.REF_newInvokeSpecial) {
                    return owner.getDeclaredConstructor(type.parameterArray());
                }
                return owner.getDeclaredMethod(form.getImplMethodName(), type.parameterArray());
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return null;
            }
        }

    }
}

package io.github.multiprocessing4j.internal.process;

import io.github.multiprocessing4j.internal.codec.AllowList;
import io.github.multiprocessing4j.internal.codec.ByteParts;
import io.github.multiprocessing4j.internal.codec.Codec;
import io.github.multiprocessing4j.internal.codec.CodecTags;
import io.github.multiprocessing4j.internal.codec.Lambdas;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.Serializable;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Set;

/**
 * A process's task without java.io: for a plain {@code Process} whose target is a static method reference, or a
 * lambda that does not capture {@code this}, and whose arguments and captured values all take the codec's fast
 * path. The child finds the method by name and calls it by reflection, so it needs neither java.io
 * deserialization nor the lambda bootstrap, which on a fresh JVM cost tens of milliseconds the first time and a
 * millisecond or two on a warm one. Any other task takes the java.io form.
 *
 * <p>The method's class must be on the deserialization allow-list in the child, as it would be for java.io.
 */
public final class DirectTask {
    private static final byte TAG = CodecTags.DIRECT_TASK;

    private DirectTask() {
    }

    /**
     * Encodes the task in direct form, or returns null when it does not fit.
     *
     * @param target the target
     * @param args its bound arguments
     * @param allowList learns the target's package (this process then accepts its classes back)
     * @return the task in parts (an argument's encoded form is a part of its own: the task holds one copy of it)
     */
    public static Codec.Parts encode(Serializable target, Object[] args, AllowList allowList) {
        SerializedLambda form = Lambdas.serializedForm(target);
        if (form == null || form.getImplMethodKind() != MethodHandleInfo.REF_invokeStatic) {
            return null;
        }
        Object[] values = new Object[form.getCapturedArgCount() + args.length];
        for (int i = 0; i < form.getCapturedArgCount(); i++) {
            values[i] = form.getCapturedArg(i);
        }
        System.arraycopy(args, 0, values, form.getCapturedArgCount(), args.length);
        for (Object value : values) {
            if (!Codec.isFast(value)) {
                return null;
            }
        }
        Class<?> owner;
        try {
            owner = Class.forName(form.getImplClass().replace('/', '.'), false, target.getClass().getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        if (owner.getModule().isNamed() && !owner.getModule().isOpen(owner.getPackageName(),
                DirectTask.class.getModule())) {
            return null; // the child could not call a private lambda method there
        }
        allowList.learn(Set.of(owner.getPackageName()));
        ByteParts parts = new ByteParts();
        try (DataOutputStream out = new DataOutputStream(parts)) {
            out.writeByte(TAG);
            out.writeUTF(owner.getName());
            out.writeUTF(form.getImplMethodName());
            out.writeUTF(form.getImplMethodSignature());
            out.writeInt(values.length);
            for (Object value : values) {
                Codec.Parts encoded = Codec.encodeParts(value, "an argument");
                out.writeInt(Math.toIntExact(encoded.length()));
                out.flush();
                for (byte[] part : encoded.parts()) {
                    parts.add(part);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        Codec.checkSize(parts.length(), "the arguments of the target");
        return new Codec.Parts(parts.parts(), parts.length(), Set.of());
    }

    /** Whether encoded task bytes are in direct form. */
    public static boolean isDirect(byte[] task) {
        return task.length > 0 && task[0] == TAG;
    }

    /**
     * Rebuilds the task in the child.
     *
     * @throws IOException when the bytes are damaged or the class is not allowed
     * @throws ReflectiveOperationException when the method is missing here
     */
    public static ChildTask decode(byte[] task, AllowList allowList) throws IOException, ReflectiveOperationException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(task));
        in.readByte();
        String className = in.readUTF();
        String methodName = in.readUTF();
        String signature = in.readUTF();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = DirectTask.class.getClassLoader();
        }
        Class<?> owner = Class.forName(className, false, loader);
        if (!allowList.allows(owner)) {
            throw new InvalidClassException(className, "rejected by the deserialization allow-list");
        }
        Method method = owner.getDeclaredMethod(methodName, parameterTypes(signature, loader));
        method.setAccessible(true);
        Object[] values = new Object[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            int length = in.readInt();
            int at = task.length - in.available();
            if (length < 0 || length > in.available()) {
                throw new IOException("damaged task: an argument's length is " + length + ", bytes left="
                        + in.available());
            }
            values[i] = Codec.decode(task, at, length, allowList); // in place: an argument is copied once
            in.skipNBytes(length);
        }
        return new StaticCall(method, values);
    }

    /**
     * The parameter types of a method descriptor such as {@code (ILjava/lang/String;[J)V}, parsed by hand:
     * {@code MethodType.fromMethodDescriptorString} would start java.lang.invoke on a fresh JVM.
     */
    static Class<?>[] parameterTypes(String descriptor, ClassLoader loader) throws ClassNotFoundException {
        java.util.List<Class<?>> types = new java.util.ArrayList<>();
        int i = 1;
        while (descriptor.charAt(i) != ')') {
            int start = i;
            while (descriptor.charAt(i) == '[') {
                i++;
            }
            if (descriptor.charAt(i) == 'L') {
                i = descriptor.indexOf(';', i);
            }
            i++;
            String one = descriptor.substring(start, i);
            types.add(one.length() == 1 ? primitive(one.charAt(0))
                    : Class.forName(one.charAt(0) == 'L' ? one.substring(1, one.length() - 1).replace('/', '.')
                            : one.replace('/', '.'), false, loader));
        }
        return types.toArray(new Class<?>[0]);
    }

    private static Class<?> primitive(char code) {
        switch (code) {
            case 'Z':
                return boolean.class;
            case 'B':
                return byte.class;
            case 'C':
                return char.class;
            case 'S':
                return short.class;
            case 'I':
                return int.class;
            case 'J':
                return long.class;
            case 'F':
                return float.class;
            default:
                return double.class;
        }
    }

    /** A direct task in the child: a static method and its arguments. */
    private static final class StaticCall implements ChildTask {
        private static final long serialVersionUID = 1L;
        private final transient Method method;
        private final transient Object[] values;

        StaticCall(Method method, Object[] values) {
            this.method = method;
            this.values = values;
        }

        @Override
        public void run(ParentChannel parent) throws Exception {
            try {
                method.invoke(null, values);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception) {
                    throw (Exception) cause;
                }
                throw (Error) cause;
            }
        }
    }
}

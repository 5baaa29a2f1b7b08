package io.github.multiprocessing4j.internal.codec;

import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deserialization allow-list: which classes {@link Codec} accepts from another process.
 *
 * <p>Allowed are primitives and arrays of allowed types; value types and collections of {@code java.base}
 * ({@code java.lang}, {@code java.util}, {@code java.time}, {@code java.math}, lambdas' {@code SerializedLambda});
 * any {@link Throwable} of the JDK; this library's own classes; the packages this process has itself sent to
 * another process (learned by {@link #learn}: a program that sends {@code com.example.Task} accepts
 * {@code com.example.*} back); and the patterns of the system property {@code multiprocessing4j.serialAllow}
 * (comma-separated: {@code com.example.*}, {@code com.example.**}, or a class name). Everything else is rejected
 * with the class name in the message. Children get their parent's list at start.
 */
public final class AllowList implements ObjectInputFilter {
    /** System property: extra allowed patterns, comma-separated. */
    public static final String PROPERTY = "multiprocessing4j.serialAllow";

    private static final Set<String> JDK_PACKAGES = Set.of(
            "java.lang", "java.util", "java.util.concurrent", "java.util.concurrent.atomic",
            "java.util.concurrent.locks", "java.util.regex", "java.time", "java.time.chrono", "java.time.format",
            "java.time.temporal", "java.time.zone", "java.math", "java.nio.charset", "java.text",
            "java.lang.invoke");

    private final Set<String> packages = ConcurrentHashMap.newKeySet();
    private final Set<String> packagePrefixes = ConcurrentHashMap.newKeySet();
    private final Set<String> classes = ConcurrentHashMap.newKeySet();

    /** A list with the defaults and the patterns of {@value #PROPERTY}; the runtime keeps this JVM's. */
    public AllowList() {
        String extra = System.getProperty(PROPERTY, "");
        for (String pattern : extra.split(",")) {
            add(pattern.trim());
        }
    }

    /**
     * Adds a pattern: {@code a.b.*} (the package), {@code a.b.**} (the package and sub-packages) or a class name.
     */
    public void add(String pattern) {
        if (pattern.isEmpty()) {
            return;
        }
        if (pattern.endsWith(".**")) {
            packagePrefixes.add(pattern.substring(0, pattern.length() - 2));
        } else if (pattern.endsWith(".*")) {
            packages.add(pattern.substring(0, pattern.length() - 2));
        } else {
            classes.add(pattern);
        }
    }

    /** Allows the packages of classes this process sent, so that answers in the same packages are accepted. */
    public void learn(Collection<String> sentPackages) {
        packages.addAll(sentPackages);
    }

    /** All patterns, to hand to a child. */
    public List<String> patterns() {
        List<String> out = new ArrayList<>();
        packages.forEach(p -> out.add(p + ".*"));
        packagePrefixes.forEach(p -> out.add(p + "**"));
        out.addAll(classes);
        return out;
    }

    /** Whether a class may be deserialized. */
    public boolean allows(Class<?> type) {
        Class<?> c = type;
        while (c.isArray()) {
            c = c.getComponentType();
        }
        if (c.isPrimitive()) {
            return true;
        }
        String name = c.getName();
        String pkg = c.getPackageName();
        if (name.startsWith("io.github.multiprocessing4j.") || name.equals("java.lang.reflect.Proxy")) {
            return true;
        }
        if (java.lang.reflect.Proxy.isProxyClass(c)) {
            // a manager's proxy: as safe as its interfaces (its handler is checked on its own)
            for (Class<?> face : c.getInterfaces()) {
                if (!allows(face)) {
                    return false;
                }
            }
            return true;
        }
        if (c.getModule().isNamed() && c.getModule().getName().startsWith("java.")
                && (JDK_PACKAGES.contains(pkg) || Throwable.class.isAssignableFrom(c)
                        || name.equals("java.io.File") || name.equals("java.net.URI"))) {
            return true;
        }
        if (classes.contains(name) || packages.contains(pkg)) {
            return true;
        }
        for (String prefix : packagePrefixes) {
            if ((pkg + ".").startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Status checkInput(FilterInfo info) {
        Class<?> type = info.serialClass();
        if (type == null) {
            return Status.UNDECIDED; // depth, references, lengths: DecodeLimits
        }
        return allows(type) ? Status.ALLOWED : Status.REJECTED;
    }
}

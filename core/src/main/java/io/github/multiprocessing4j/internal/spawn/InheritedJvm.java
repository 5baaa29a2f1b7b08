package io.github.multiprocessing4j.internal.spawn;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a child JVM inherits from this one: the java binary, the JVM options of this JVM's command line, and the
 * class path, including the one of a class loader that {@code mvn exec:java} or a container built on top of the
 * system class loader.
 *
 * <p>Options that would break a child are left out: a debugger agent (its port is taken), and the options that
 * write a CDS or AOT archive at exit. The class path and main class of this JVM are not options.
 */
public final class InheritedJvm {
    private static final Set<String> OPTIONS_WITH_VALUE = Set.of("--module-path", "-p", "--add-modules",
            "--add-opens", "--add-exports", "--add-reads", "--patch-module", "--limit-modules",
            "--upgrade-module-path", "--enable-native-access", "--illegal-access");
    private static final Set<String> CLASS_PATH_OPTIONS = Set.of("-cp", "-classpath", "--class-path");

    private static volatile List<String> options;

    private InheritedJvm() {
    }

    /** The java binary of this JVM. */
    public static Path javaBinary() {
        return Paths.get(System.getProperty("java.home"), "bin", "java");
    }

    /** The JVM options of this JVM's command line that a child should get too. */
    public static List<String> options() {
        List<String> cached = options;
        if (cached == null) {
            String[] args = ProcessHandle.current().info().arguments().orElse(new String[0]);
            cached = Collections.unmodifiableList(parseOptions(List.of(args)));
            options = cached;
        }
        return cached;
    }

    /** Picks the inheritable JVM options out of a java command line (without argv[0]). */
    static List<String> parseOptions(List<String> args) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-") && !arg.startsWith("@")) {
                break; // the main class
            }
            if (arg.equals("-jar") || arg.equals("-m") || arg.equals("--module") || arg.startsWith("--module=")
                    || arg.equals("--source")) {
                break;
            }
            if (CLASS_PATH_OPTIONS.contains(arg)) {
                i++;
                continue;
            }
            if (arg.startsWith("--class-path=")) {
                continue;
            }
            if (OPTIONS_WITH_VALUE.contains(arg) && i + 1 < args.size()) {
                kept.add(arg);
                kept.add(args.get(++i));
                continue;
            }
            if (isHarmful(arg)) {
                continue;
            }
            kept.add(arg);
        }
        return kept;
    }

    private static boolean isHarmful(String arg) {
        return arg.startsWith("-agentlib:jdwp") || arg.startsWith("-Xrunjdwp") || arg.equals("-Xdebug")
                || arg.startsWith("-XX:ArchiveClassesAtExit") || arg.startsWith("-XX:AOTCacheOutput")
                || arg.startsWith("-XX:AOTMode") || arg.startsWith("-XX:AOTConfiguration")
                || arg.startsWith("-XX:SharedArchiveFile") || arg.startsWith("-XX:AOTCache")
                || arg.startsWith("-XX:+AutoCreateSharedArchive") || arg.equals("-version")
                || arg.equals("-showversion") || arg.equals("--show-version") || arg.equals("--dry-run")
                // a child would record into the parent's file (and pay about a second to start the recorder)
                || arg.startsWith("-XX:StartFlightRecording");
    }

    /**
     * The class path a child needs to load the given classes: this JVM's class path, plus the URLs of any
     * {@link URLClassLoader} between those classes' loaders and the system class loader.
     */
    public static String classPath(List<ClassLoader> loaders) {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(entry);
            }
        }
        ClassLoader system = ClassLoader.getSystemClassLoader();
        for (ClassLoader loader : loaders) {
            List<String> extra = new ArrayList<>();
            for (ClassLoader l = loader; l != null && l != system; l = l.getParent()) {
                if (l instanceof URLClassLoader) {
                    for (URL url : ((URLClassLoader) l).getURLs()) {
                        toPath(url, extra);
                    }
                }
            }
            entries.addAll(extra);
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void toPath(URL url, List<String> into) {
        if (!"file".equals(url.getProtocol())) {
            return;
        }
        try {
            into.add(Paths.get(url.toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            into.add(url.getPath());
        }
    }
}

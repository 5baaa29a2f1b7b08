package io.github.multiprocessing4j.internal.spawn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM: java binary, inherited then per-process JVM options, class path and the child
 * entry point. Nothing secret goes here: a child learns its secret from its stdin.
 *
 * <p>When this library is a named module, the child runs {@code -m <module>/<ChildMain>} with the parent's module
 * path (an inherited option) and the parent's root modules: {@code -m} makes this module the child's only root,
 * so without them the user's module, or the system modules that code on the class path uses, would not be
 * resolved there.
 */
public final class ChildCommand {
    /** The class every child JVM runs. */
    public static final String CHILD_MAIN = "io.github.multiprocessing4j.internal.child.ChildMain";

    /** System property: JVM options for every child JVM, spares included (space-separated). */
    public static final String CHILD_OPTIONS = "multiprocessing4j.childJvmOptions";

    private ChildCommand() {
    }

    /** The options of {@value #CHILD_OPTIONS}, e.g. lean flags for many small children. */
    static List<String> defaultChildOptions() {
        String value = System.getProperty(CHILD_OPTIONS, "").trim();
        return value.isEmpty() ? List.of() : List.of(value.split("\\s+"));
    }

    /**
     * Builds the command.
     *
     * @param javaBinary the java launcher
     * @param extraOptions per-process JVM options, after the inherited ones so that they win
     * @param classPath the class path
     */
    public static List<String> build(Path javaBinary, List<String> extraOptions, String classPath) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary.toString());
        command.addAll(InheritedJvm.options());
        command.addAll(defaultChildOptions());
        command.addAll(extraOptions);
        Module module = ChildCommand.class.getModule();
        if (!classPath.isEmpty()) {
            command.add("-cp");
            command.add(classPath);
        }
        if (module.isNamed()) {
            command.addAll(rootModules(module.getName(), System.getProperty("jdk.module.main")));
            command.add("-m");
            command.add(module.getName() + "/" + CHILD_MAIN);
        } else {
            command.add(CHILD_MAIN);
        }
        return command;
    }

    /**
     * The {@code --add-modules} that give a child started with {@code -m library/...} the parent's root modules
     * besides those of the parent's own {@code --add-modules}, which the child inherits.
     *
     * @param library this library's module name
     * @param mainModule the parent's main module ({@code jdk.module.main}), or null when its main class came from
     *     the class path (then its roots were the default set of system modules)
     * @return the options, none when this library is the main module
     */
    static List<String> rootModules(String library, String mainModule) {
        if (mainModule == null) {
            return List.of("--add-modules", "ALL-DEFAULT");
        }
        return mainModule.equals(library) ? List.of() : List.of("--add-modules", mainModule);
    }
}

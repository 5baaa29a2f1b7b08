package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.child.ProcessContext;
import io.github.multiprocessing4j.internal.codec.AllowList;
import io.github.multiprocessing4j.internal.process.ChildHandle;
import io.github.multiprocessing4j.internal.process.ChildRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The module-level functions of Python's {@code multiprocessing}: who this process is, who its parent is, which
 * children are running, how many CPUs there are, and {@code os.getpid()}/{@code os.getppid()}.
 *
 * <p>Thread-safe; nothing here blocks.
 */
public final class Multiprocessing {
    private static final ProcessView MAIN = ProcessView.main();
    private static volatile ProcessView parent;
    private static volatile StartMethod startMethod = "spawn".equalsIgnoreCase(
            System.getProperty("multiprocessing4j.startMethod")) ? StartMethod.SPAWN : StartMethod.WARM;

    private Multiprocessing() {
    }

    /**
     * The process this code runs in (Python's {@code current_process()}): in a child, the {@link Process} object
     * it runs (same name and daemon flag as in the parent); in a main JVM, a view named {@code MainProcess}.
     *
     * @return the current process
     */
    public static Process currentProcess() {
        Process current = ProcessContext.current();
        return current != null ? current : MAIN;
    }

    /**
     * The parent of this process when it is a child started by multiprocessing4j (Python's
     * {@code parent_process()}): its name, pid and liveness ({@code isAlive()} turns false within milliseconds
     * of its death, and {@code join()} waits for it). Empty in a main process.
     *
     * @return the parent, if this is a child
     */
    public static Optional<Process> parentProcess() {
        if (!ProcessContext.isChild()) {
            return Optional.empty();
        }
        ProcessView p = parent;
        if (p == null) {
            p = ProcessView.parent(ProcessContext.parentName(), ProcessContext.parentPid());
            parent = p;
        }
        return Optional.of(p);
    }

    /**
     * The children this process started that have not ended yet (Python's {@code active_children()}).
     *
     * @return the live children, in no particular order
     */
    public static List<Process> activeChildren() {
        List<Process> children = new ArrayList<>();
        for (ChildHandle child : ChildRegistry.live()) {
            if (!child.exitCode().isDone()) {
                children.add(child.owner());
            }
        }
        return children;
    }

    /**
     * The number of CPUs this JVM may use (Python's {@code cpu_count()}; like {@code os.process_cpu_count()},
     * it honours CPU affinity and container limits).
     *
     * @return the number of available processors
     */
    public static int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * The operating-system id of this process (Python's {@code os.getpid()}).
     *
     * @return this process's pid
     */
    public static long getPid() {
        return ProcessHandle.current().pid();
    }

    /**
     * The id of this process's parent (Python's {@code os.getppid()}): in a child, the JVM that started it.
     *
     * @return the parent's pid, or -1 if the operating system does not say
     */
    public static long getParentPid() {
        return ProcessContext.parentPid();
    }

    /**
     * Sets how processes get their JVM from now on (Python's {@code set_start_method}); a process can override it
     * with {@link Process#startMethod}. The default is {@link StartMethod#WARM}, or what the system property
     * {@code multiprocessing4j.startMethod} says.
     *
     * @param method the start method
     */
    public static void setStartMethod(StartMethod method) {
        startMethod = java.util.Objects.requireNonNull(method, "method");
    }

    /**
     * How processes get their JVM unless they say otherwise (Python's {@code get_start_method}).
     *
     * @return the program's start method
     */
    public static StartMethod getStartMethod() {
        return startMethod;
    }

    /**
     * Allows classes to be deserialized when they come from another process, in addition to the defaults (the
     * JDK's value types and collections, this library, and the packages this process has itself sent). Children
     * started afterwards inherit the patterns. Same as the system property {@code multiprocessing4j.serialAllow}.
     *
     * @param patterns {@code com.example.*} (a package), {@code com.example.**} (with sub-packages), or class
     *     names
     */
    public static void allowDeserialization(String... patterns) {
        for (String pattern : patterns) {
            AllowList.global().add(pattern);
        }
    }
}

package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.process.ChildHandle;
import io.github.multiprocessing4j.internal.process.ChildTask;
import io.github.multiprocessing4j.internal.process.Identity;
import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
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
    private static volatile ProcessView self;
    private static volatile ProcessView parent;

    private Multiprocessing() {
    }

    /**
     * The process this code runs in (Python's {@code current_process()}): in a child, the {@link Process} object
     * it runs (same name and daemon flag as in the parent); in a main JVM, a view named {@code MainProcess}.
     *
     * @return the current process
     */
    public static Process currentProcess() {
        JvmRuntime runtime = JvmRuntime.get();
        ChildTask task = runtime.currentTask();
        if (task instanceof ProcessTask) {
            return ((ProcessTask) task).process();
        }
        Identity identity = runtime.identity();
        ProcessView view = self;
        if (view == null || !view.getName().equals(identity.name())) {
            view = ProcessView.self(identity);
            self = view;
        }
        return view;
    }

    /**
     * The parent of this process when it is a child started by multiprocessing4j (Python's
     * {@code parent_process()}): its name, pid and liveness ({@code isAlive()} turns false within milliseconds
     * of its death, and {@code join()} waits for it). Empty in a main process.
     *
     * @return the parent, if this is a child
     */
    public static Optional<Process> parentProcess() {
        Identity identity = JvmRuntime.get().identity();
        if (!identity.isChild()) {
            return Optional.empty();
        }
        ProcessView p = parent;
        if (p == null) {
            p = ProcessView.parent(identity);
            parent = p;
        }
        return Optional.of(p);
    }

    /**
     * The children this process started that have not ended yet (Python's {@code active_children()}), pool
     * workers included: each is started, has its pid and can be joined, terminated or killed (a pool replaces a
     * worker that ends).
     *
     * @return the live children, in no particular order
     */
    public static List<Process> activeChildren() {
        List<Process> children = new ArrayList<>();
        for (ChildHandle child : JvmRuntime.get().children().live()) {
            children.add((Process) child.ownerOr(Process::new));
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
        return JvmRuntime.get().identity().parentPid();
    }

    /**
     * Sets how processes get their JVM from now on (Python's {@code set_start_method}); a process can override it
     * with {@link Process#startMethod}. The default is {@link StartMethod#WARM}, or what the system property
     * {@code multiprocessing4j.startMethod} says.
     *
     * @param method the start method
     */
    public static void setStartMethod(StartMethod method) {
        JvmRuntime.get().setWarmStart(java.util.Objects.requireNonNull(method, "method") == StartMethod.WARM);
    }

    /**
     * How processes get their JVM unless they say otherwise (Python's {@code get_start_method}).
     *
     * @return the program's start method
     */
    public static StartMethod getStartMethod() {
        return JvmRuntime.get().isWarmStart() ? StartMethod.WARM : StartMethod.SPAWN;
    }

    /**
     * Starts {@code n} spare JVMs now, so that the next {@code n} processes started with the {@link StartMethod#WARM
     * warm} start method run in JVMs that are already up and warmed up (Python's forkserver with
     * {@code set_forkserver_preload}: pay for the interpreters before they are needed). Returns at once; the JVMs
     * boot in the background. A program that knows it will start eight processes calls {@code prestart(8)} while
     * it does other work, and the eight starts then cost a hand-off each instead of a JVM start.
     *
     * <p>The spares are the same as those the warm start method keeps anyway: they run with this JVM's class path
     * and options, only processes without their own JVM options, environment, directory or redirected output can
     * use them, each start that takes one starts a replacement in the background, and they are retired after
     * {@code multiprocessing4j.spareIdleSeconds} (default 30) unused and when this JVM exits (they end with it
     * even when it is killed). {@code prestart(0)} does nothing.
     *
     * @param n how many spares to have ready, 0 to {@code multiprocessing4j.maxSpares} (default 8)
     * @throws IllegalArgumentException when {@code n} is negative or above the maximum (the message names the
     *     property that raises it)
     * @throws IllegalStateException when this JVM is exiting, or this is a daemon process (which may not have
     *     children)
     */
    public static void prestart(int n) {
        JvmRuntime runtime = JvmRuntime.get();
        if (runtime.identity().daemon()) {
            throw new IllegalStateException("daemonic processes are not allowed to have children");
        }
        List<ClassLoader> loaders = new ArrayList<>();
        loaders.add(Multiprocessing.class.getClassLoader());
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            loaders.add(context);
        }
        runtime.spares().prestart(n, loaders);
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
            JvmRuntime.get().allowList().add(pattern);
        }
    }

    /**
     * This process's authentication key (Python: {@code current_process().authkey}): 32 random bytes in a main
     * process, inherited by every child started after it is set. Listeners, clients and managers use it when no
     * key is given.
     *
     * @return a copy of the key
     */
    public static byte[] authkey() {
        return JvmRuntime.get().authkey();
    }

    /**
     * Sets this process's authentication key (Python: {@code current_process().authkey = key}); children started
     * from now on inherit it.
     *
     * @param key the key, at least one byte
     * @throws IllegalArgumentException when the key is null or empty
     */
    public static void setAuthkey(byte[] key) {
        JvmRuntime.get().setAuthkey(key);
    }
}

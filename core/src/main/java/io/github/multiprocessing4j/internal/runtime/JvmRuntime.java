package io.github.multiprocessing4j.internal.runtime;

import io.github.multiprocessing4j.internal.codec.AllowList;
import io.github.multiprocessing4j.internal.process.ChildLauncher;
import io.github.multiprocessing4j.internal.process.ChildRegistry;
import io.github.multiprocessing4j.internal.process.ChildTask;
import io.github.multiprocessing4j.internal.process.Identity;
import io.github.multiprocessing4j.internal.process.SparePool;
import io.github.multiprocessing4j.internal.watch.ParentWatch;
import io.github.multiprocessing4j.internal.wire.ControlSocket;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The one object that holds this JVM's multiprocessing state: who this process is, the control socket where its
 * children call back, the registry of its children, its spare JVMs, its deserialization allow-list, and the one
 * ordered {@linkplain ExitSequence exit sequence} (the library's only shutdown hook). Everything else receives
 * what it needs of it.
 *
 * <p>Made on first use ({@link #get()}): by {@code ChildMain} first thing in a child, or by the first call of
 * the public API in a main process, which then also sweeps what JVMs killed with SIGKILL left behind (socket
 * directories, shared-memory files), on a background thread. In a child, only what the start path needs is
 * made at once; the launcher, socket and spares are made when the child starts children of its own.
 *
 * <p>Thread-safe.
 */
public final class JvmRuntime {
    private static volatile JvmRuntime instance;

    private final AllowList allowList = new AllowList();
    private final ChildRegistry children = new ChildRegistry();
    private final ControlSocket controlSocket = new ControlSocket();
    private final AtomicInteger childNumbers = new AtomicInteger();
    private final Map<ExitStage, List<Runnable>> exitActions = new EnumMap<>(ExitStage.class);
    private final ExitSequence exitSequence;
    private volatile Identity identity;
    private volatile byte[] authkey;
    private volatile ParentWatch parentWatch;
    private volatile ChildTask currentTask;
    private volatile boolean warmStart = !"spawn".equalsIgnoreCase(System.getProperty("multiprocessing4j.startMethod"));
    private ChildLauncher launcher;
    private SparePool spares;
    private volatile Thread startupSweep;

    private JvmRuntime(boolean child) {
        identity = child ? null : Identity.main();
        exitSequence = new ExitSequence(this);
    }

    /** This JVM's runtime, made on first use (in a main process: see the class comment). */
    public static JvmRuntime get() {
        JvmRuntime runtime = instance;
        return runtime != null ? runtime : create();
    }

    private static synchronized JvmRuntime create() {
        if (instance == null) {
            JvmRuntime runtime = new JvmRuntime(false);
            runtime.exitSequence.install();
            instance = runtime;
            runtime.startupSweep = StartupSweep.start();
        }
        return instance;
    }

    /**
     * Makes the runtime of a child JVM, before its boot frame is read: the exit sequence is in place before
     * anything can end this JVM in an orderly way.
     *
     * @return the runtime, or null when this JVM is exiting already (a signal came first)
     */
    public static synchronized JvmRuntime forChild() {
        JvmRuntime runtime = new JvmRuntime(true);
        instance = runtime;
        return runtime.exitSequence.install() ? runtime : null;
    }

    /**
     * Sets who this child is, from its boot frame, and the watch on its parent.
     *
     * @param childIdentity the identity its boot frame gave
     * @param watch the watch on its parent
     */
    public void becomeChild(Identity childIdentity, ParentWatch watch) {
        this.identity = childIdentity;
        this.parentWatch = watch;
    }

    /**
     * This process's authentication key (Python's {@code current_process().authkey}): 32 random bytes made on
     * first use in a main process; in a child, the one its parent had when it started the child.
     *
     * @return a copy of the key
     */
    public byte[] authkey() {
        byte[] key = authkey;
        if (key == null) {
            synchronized (this) {
                if (authkey == null) {
                    byte[] fresh = new byte[32];
                    new java.security.SecureRandom().nextBytes(fresh);
                    authkey = fresh;
                }
                key = authkey;
            }
        }
        return key.clone();
    }

    /**
     * Sets this process's authentication key (a child from its boot frame, or the user); children started from
     * now on inherit it.
     *
     * @param key the key, not empty
     */
    public void setAuthkey(byte[] key) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("an authkey must not be empty: give at least one byte (32 random"
                    + " bytes are best)");
        }
        this.authkey = key.clone();
    }

    /** Who this process is: the main process, or the child its boot frame made it. */
    public Identity identity() {
        Identity me = identity;
        return me != null ? me : Identity.main();
    }

    /** The numbers in the name of this process's next child ({@code Process-N}, {@code Process-1:N}). */
    public int[] nextChildNumbers() {
        return identity().childNumbers(childNumbers.incrementAndGet());
    }

    /** The task this child runs, or null in a main process (or a spare still waiting). */
    public ChildTask currentTask() {
        return currentTask;
    }

    /** Sets the task this child runs. */
    public void setCurrentTask(ChildTask task) {
        this.currentTask = task;
    }

    /** The watch on this child's parent, or null in a main process. */
    public ParentWatch parentWatch() {
        return parentWatch;
    }

    /** Whether processes take spare JVMs unless they say otherwise (the warm start method). */
    public boolean isWarmStart() {
        return warmStart;
    }

    /** Sets the default start method: warm (spare JVMs) or spawn (a fresh JVM each). */
    public void setWarmStart(boolean warm) {
        this.warmStart = warm;
    }

    /** What this JVM may deserialize from others; children inherit its patterns. */
    public AllowList allowList() {
        return allowList;
    }

    /** The running children of this JVM (spares not included). */
    public ChildRegistry children() {
        return children;
    }

    /** Starts child JVMs. */
    public synchronized ChildLauncher launcher() {
        if (launcher == null) {
            launcher = new ChildLauncher(controlSocket, children, allowList, new IdentitySupplier(this),
                    this::authkey);
        }
        return launcher;
    }

    /** The spare JVMs of the warm start method. */
    public synchronized SparePool spares() {
        if (spares == null) {
            spares = new SparePool(launcher());
        }
        return spares;
    }

    /** The launcher if one was ever made, else null. */
    synchronized ChildLauncher launcherIfMade() {
        return launcher;
    }

    /** The spares if any were ever made, else null (the exit sequence must not make them). */
    synchronized SparePool sparesIfMade() {
        return spares;
    }

    /** The sweep started with a main process's runtime, or null. */
    Thread startupSweep() {
        return startupSweep;
    }

    ControlSocket controlSocket() {
        return controlSocket;
    }

    /**
     * Adds an action to a step of the exit sequence. Actions of a step run in the order added; one that throws
     * is logged and does not stop the others.
     *
     * @return false when the exit sequence has begun (the action will not run)
     */
    public boolean atExit(ExitStage stage, Runnable action) {
        synchronized (exitActions) {
            if (exitSequence.hasBegun()) {
                return false;
            }
            List<Runnable> actions = exitActions.get(stage);
            if (actions == null) {
                actions = new ArrayList<>(); // no computeIfAbsent lambda: this runs on a fresh child's start path
                exitActions.put(stage, actions);
            }
            actions.add(action);
            return true;
        }
    }

    /** Removes an action (a pool that was closed before the JVM exits). */
    public void removeAtExit(ExitStage stage, Runnable action) {
        synchronized (exitActions) {
            List<Runnable> actions = exitActions.get(stage);
            if (actions != null) {
                actions.remove(action);
            }
        }
    }

    /** The actions of a step; once called for the first step, no more are added. */
    List<Runnable> actions(ExitStage stage) {
        synchronized (exitActions) {
            List<Runnable> actions = exitActions.get(stage);
            return actions == null ? List.of() : new ArrayList<>(actions);
        }
    }

    /** What this runtime holds now: for diagnostics and for tests that look for leftovers. */
    public Snapshot snapshot() {
        SparePool pool = sparesIfMade();
        List<Long> childPids = new ArrayList<>();
        children.live().forEach(c -> childPids.add(c.pid()));
        return new Snapshot(childPids, pool == null ? List.of() : pool.pids(),
                pool == null ? List.of() : pool.readyPids(), pool == null ? 0 : pool.connected(),
                controlSocket.isOpen());
    }

    /**
     * What a runtime holds at one moment.
     *
     * @param children pids of the running children (processes and pool workers)
     * @param spares pids of the spare JVMs
     * @param readySpares pids of the spares that have warmed up
     * @param connectedSpares how many spares hold a socket to this JVM
     * @param socketOpen whether the control socket is open
     */
    public record Snapshot(List<Long> children, List<Long> spares, List<Long> readySpares, int connectedSpares,
            boolean socketOpen) {
    }

    /** The launcher asks for the identity at each start: a spare's identity changes once, when it is assigned. */
    private static final class IdentitySupplier implements Supplier<Identity> {
        private final JvmRuntime runtime;

        IdentitySupplier(JvmRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Identity get() {
            return runtime.identity();
        }
    }
}

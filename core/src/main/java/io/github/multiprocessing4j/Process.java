package io.github.multiprocessing4j;

import io.github.multiprocessing4j.internal.time.Durations;
import io.github.multiprocessing4j.exception.ChildProcessException;
import io.github.multiprocessing4j.exception.ProcessStartException;
import io.github.multiprocessing4j.exception.SerializationFailedException;
import io.github.multiprocessing4j.function.Target0;
import io.github.multiprocessing4j.function.Target1;
import io.github.multiprocessing4j.function.Target2;
import io.github.multiprocessing4j.function.Target3;
import io.github.multiprocessing4j.function.Target4;
import io.github.multiprocessing4j.internal.codec.Codec;
import io.github.multiprocessing4j.internal.events.Events;
import io.github.multiprocessing4j.internal.events.ProcessStartEvent;
import io.github.multiprocessing4j.internal.process.ArchiveTrainer;
import io.github.multiprocessing4j.internal.process.ChildHandle;
import io.github.multiprocessing4j.internal.process.DirectTask;
import io.github.multiprocessing4j.internal.process.Identity;
import io.github.multiprocessing4j.internal.process.LaunchRequest;
import io.github.multiprocessing4j.internal.process.Targets;
import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.internal.spawn.StreamSpec;
import io.github.multiprocessing4j.internal.spawn.InheritedJvm;
import io.github.multiprocessing4j.internal.spawn.JvmOptionCheck;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Java code running in a child JVM, with the semantics of Python's {@code multiprocessing.Process}.
 *
 * <pre>{@code
 * Process cook = new Process(Kitchen::cook, 4);            // Process(target=cook, args=(4,))
 * Process wash = new Process(Kitchen::wash).kwargs(Map.of("num", 2));
 * cook.start(); wash.start();
 * cook.join(); wash.join();
 * }</pre>
 *
 * <p>A process runs a {@linkplain Target0 target} (a serializable lambda or method reference) with positional
 * and keyword arguments, or the {@link #run()} method of a subclass.
 *
 * <h2>Lifecycle</h2>
 * <pre>
 *   initial --start()--&gt; started --child ends--&gt; stopped --close()--&gt; closed
 *      |                     |  terminate() = SIGTERM, kill() = SIGKILL
 *      +--close()--&gt; closed
 * </pre>
 * Name, daemon flag, arguments, JVM options, environment, working directory and output must be set in the
 * initial state; {@link #start()} may be called once.
 *
 * <h2>What crosses the process boundary</h2>
 * {@link #start()} serializes this object (its target, its arguments and, for a subclass, its fields) and the
 * child deserializes it and calls {@link #run()}. Everything reachable must be {@link Serializable}; if not,
 * {@code start()} throws {@link SerializationFailedException} naming the culprit. Nothing comes back but the exit
 * code and, when the target throws, the exception ({@link #exception()}); the return value of a target is
 * ignored, as in Python.
 *
 * <h2>Exit codes (as Python)</h2>
 * 0 when the target returns; 1 when it throws (its stack trace is printed on the child's stderr, as Python
 * prints a child's traceback); n after {@code System.exit(n)}; -N when the child was ended by signal N
 * (-15 after {@link #terminate()}, -9 after {@link #kill()}).
 *
 * <h2>Daemon children and the end of the parent</h2>
 * When this JVM exits (its last non-daemon thread ends, {@code System.exit}, SIGTERM or Ctrl-C), it first
 * terminates its daemon children, then waits for its non-daemon children to end. Beyond Python: if this JVM is
 * killed with SIGKILL, its daemon children notice the end of their stdin and halt within milliseconds (Python
 * leaves them running); non-daemon children finish their target and exit. A daemon child may not start children
 * ({@code IllegalStateException: daemonic processes are not allowed to have children}).
 *
 * <h2>Threads and blocking</h2>
 * Thread-safe. {@link #join()} blocks until the child has ended; {@link #join(Duration)} at most that long.
 * Other methods do not block, except {@link #start()}, which starts the JVM (about a millisecond) and, the first
 * time a new set of {@linkplain #jvmOptions JVM options} is used, checks them by running {@code java -version}
 * with them.
 */
public class Process implements Serializable, AutoCloseable {
    private static final long serialVersionUID = 1L;

    private Serializable target;
    // javac 21+ (serial): the element type is Object, but start() serializes the arguments first and fails with
    // SerializationFailedException, naming the one that is not serializable
    @SuppressWarnings("serial")
    private Object[] args;
    // who the process is travels in the child's boot frame, not with the object: see adopt()
    private transient int[] identity;
    private transient String name;
    private transient boolean daemon;
    private transient volatile boolean current;

    private transient Map<String, Object> kwargs = new LinkedHashMap<>();
    private transient List<String> jvmOptions = new ArrayList<>();
    private transient Map<String, String> environment = new LinkedHashMap<>();
    private transient Path directory;
    private transient Path executable;
    private transient Output stdout = Output.inherit();
    private transient Output stderr = Output.inherit();
    private transient StartMethod startMethod;
    private transient volatile ChildHandle handle;
    private transient volatile boolean closed;

    /**
     * A process that runs a target without arguments ({@code Process(target=cook)}).
     *
     * @param target what to run in the child
     */
    public Process(Target0 target) {
        this(new Object[0], (Serializable) Objects.requireNonNull(target, "target"));
    }

    /**
     * A process whose target takes one argument; give it with {@link #args} or {@link #kwargs}.
     *
     * @param target what to run in the child
     * @param <A> the argument's type
     */
    public <A> Process(Target1<A> target) {
        this(new Object[0], (Serializable) Objects.requireNonNull(target, "target"));
    }

    /**
     * A process whose target takes two arguments; give them with {@link #args} or {@link #kwargs}.
     *
     * @param target what to run in the child
     * @param <A> the first argument's type
     * @param <B> the second argument's type
     */
    public <A, B> Process(Target2<A, B> target) {
        this(new Object[0], (Serializable) Objects.requireNonNull(target, "target"));
    }

    /**
     * A process whose target takes three arguments; give them with {@link #args} or {@link #kwargs}.
     *
     * @param target what to run in the child
     * @param <A> the first argument's type
     * @param <B> the second argument's type
     * @param <C> the third argument's type
     */
    public <A, B, C> Process(Target3<A, B, C> target) {
        this(new Object[0], (Serializable) Objects.requireNonNull(target, "target"));
    }

    /**
     * A process whose target takes four arguments; give them with {@link #args} or {@link #kwargs}.
     *
     * @param target what to run in the child
     * @param <A> the first argument's type
     * @param <B> the second argument's type
     * @param <C> the third argument's type
     * @param <D> the fourth argument's type
     */
    public <A, B, C, D> Process(Target4<A, B, C, D> target) {
        this(new Object[0], (Serializable) Objects.requireNonNull(target, "target"));
    }

    /**
     * A process that runs a target with one positional argument ({@code Process(target=cook, args=(4,))}).
     *
     * @param target what to run in the child
     * @param a the argument; serializable
     * @param <A> the argument's type
     */
    public <A> Process(Target1<A> target, A a) {
        this(new Object[] {a}, (Serializable) Objects.requireNonNull(target, "target"));
    }

    /**
     * A process that runs a target with two positional arguments.
     *
     * @param target what to run in the child
     * @param a the first argument; serializable
     * @param b the second argument; serializable
     * @param <A> the first argument's type
     * @param <B> the second argument's type
     */
    public <A, B> Process(Target2<A, B> target, A a, B b) {
        this(new Object[] {a, b}, (Serializable) Objects.requireNonNull(target, "target"));
    }

    /**
     * A process that runs a target with three positional arguments.
     *
     * @param target what to run in the child
     * @param a the first argument; serializable
     * @param b the second argument; serializable
     * @param c the third argument; serializable
     * @param <A> the first argument's type
     * @param <B> the second argument's type
     * @param <C> the third argument's type
     */
    public <A, B, C> Process(Target3<A, B, C> target, A a, B b, C c) {
        this(new Object[] {a, b, c}, (Serializable) Objects.requireNonNull(target, "target"));
    }

    /**
     * A process that runs a target with four positional arguments.
     *
     * @param target what to run in the child
     * @param a the first argument; serializable
     * @param b the second argument; serializable
     * @param c the third argument; serializable
     * @param d the fourth argument; serializable
     * @param <A> the first argument's type
     * @param <B> the second argument's type
     * @param <C> the third argument's type
     * @param <D> the fourth argument's type
     */
    public <A, B, C, D> Process(Target4<A, B, C, D> target, A a, B b, C c, D d) {
        this(new Object[] {a, b, c, d}, (Serializable) Objects.requireNonNull(target, "target"));
    }

    /**
     * A process for a subclass that overrides {@link #run()}. The subclass instance is serialized to the child,
     * so its fields must be serializable.
     */
    protected Process() {
        this(new Object[0], null);
    }

    private Process(Object[] args, Serializable target) {
        this.target = target;
        this.args = args;
        this.identity = JvmRuntime.get().nextChildNumbers();
        StringBuilder defaultName = new StringBuilder(defaultPrefix()).append('-');
        for (int i = 0; i < identity.length; i++) {
            defaultName.append(i > 0 ? ":" : "").append(identity[i]);
        }
        this.name = defaultName.toString();
    }

    /** For the views of processes this object did not start (the main process, a parent, a child itself). */
    Process(String name, boolean daemon) {
        this.target = null;
        this.args = new Object[0];
        this.identity = new int[0];
        this.name = name;
        this.daemon = daemon;
    }

    /** A started process for a child this JVM runs without a Process object of its own (a pool worker). */
    Process(ChildHandle running) {
        this(running.name(), running.isDaemon());
        this.handle = running;
    }

    /** In the child: this object is the process it runs, and its identity is the one its boot frame gave. */
    void adopt(Identity self) {
        this.identity = self.numbers();
        this.name = self.name();
        this.daemon = self.daemon();
        this.current = true;
    }

    private String defaultPrefix() {
        String simple = getClass().getSimpleName();
        return getClass() == Process.class || simple.isEmpty() ? "Process" : simple;
    }


    /**
     * Sets the positional arguments of the target (Python's {@code args}), replacing those given to the
     * constructor.
     *
     * @param positional the arguments; each must be serializable
     * @return this process
     * @throws IllegalStateException after start
     */
    public synchronized Process args(Object... positional) {
        checkInitial("args");
        this.args = positional.clone();
        return this;
    }

    /**
     * Sets keyword arguments (Python's {@code kwargs}): each key names a parameter of the method the target
     * stands for. They are bound to positions at {@link #start()}, which fails if a name matches no parameter or
     * the names were not compiled in ({@code javac -parameters}).
     *
     * @param keywords parameter name to value; values must be serializable
     * @return this process
     * @throws IllegalStateException after start
     */
    public synchronized Process kwargs(Map<String, ?> keywords) {
        checkInitial("kwargs");
        this.kwargs = new LinkedHashMap<>(keywords);
        return this;
    }

    /**
     * Sets the name. It has no meaning beyond being shown ({@link #toString()}, error messages, the child's
     * {@code Multiprocessing.currentProcess().getName()}).
     *
     * @param newName the name
     * @return this process
     * @throws IllegalStateException after start
     */
    public synchronized Process setName(String newName) {
        checkInitial("name");
        this.name = Objects.requireNonNull(newName, "name");
        return this;
    }

    /**
     * The name: {@code Process-N} by default ({@code Process-N:M} for a child of a child), or the subclass's
     * simple name followed by the number.
     *
     * @return the name
     */
    public String getName() {
        return name;
    }

    /**
     * Sets the daemon flag (Python's {@code daemon}): a daemon child is terminated when its parent exits, even
     * when the parent is killed with SIGKILL, and may not start children.
     *
     * @param isDaemon the flag
     * @return this process
     * @throws IllegalStateException after start
     */
    public synchronized Process setDaemon(boolean isDaemon) {
        checkInitial("daemon flag");
        this.daemon = isDaemon;
        return this;
    }

    /**
     * The daemon flag.
     *
     * @return whether this is a daemon process
     */
    public boolean isDaemon() {
        return daemon;
    }

    /**
     * Adds JVM options for the child (heap size, {@code -D} properties...), after the ones it inherits from this
     * JVM's command line, so that they take precedence. A set of options is checked the first time it is used:
     * {@link #start()} throws {@link ProcessStartException} with the JVM's message if the JVM rejects them.
     *
     * @param options e.g. {@code "-Xmx64m", "-Dkey=value"}
     * @return this process
     * @throws IllegalStateException after start
     */
    public synchronized Process jvmOptions(String... options) {
        checkInitial("JVM options");
        this.jvmOptions.addAll(Arrays.asList(options));
        return this;
    }

    /**
     * Changes environment variables of the child; it inherits the others from this JVM. A {@code null} value
     * removes a variable.
     *
     * @param changes variable to value
     * @return this process
     * @throws IllegalStateException after start
     */
    public synchronized Process environment(Map<String, String> changes) {
        checkInitial("environment");
        this.environment.putAll(changes);
        return this;
    }

    /**
     * Sets the child's working directory (default: this JVM's).
     *
     * @param workingDirectory the directory
     * @return this process
     * @throws IllegalStateException after start
     */
    public synchronized Process directory(Path workingDirectory) {
        checkInitial("directory");
        this.directory = workingDirectory;
        return this;
    }

    /**
     * Sets the java launcher to run the child with (Python's {@code set_executable}); default: the one of this
     * JVM.
     *
     * @param javaBinary path to a {@code java} executable
     * @return this process
     * @throws IllegalStateException after start
     */
    public synchronized Process executable(Path javaBinary) {
        checkInitial("executable");
        this.executable = javaBinary;
        return this;
    }

    /**
     * Sets where the child's stdout goes (default {@link Output#inherit()}).
     *
     * @param output the destination
     * @return this process
     * @throws IllegalStateException after start
     */
    public synchronized Process stdout(Output output) {
        checkInitial("stdout");
        this.stdout = Objects.requireNonNull(output, "output");
        return this;
    }

    /**
     * Sets where the child's stderr goes (default {@link Output#inherit()}).
     *
     * @param output the destination
     * @return this process
     * @throws IllegalStateException after start
     */
    public synchronized Process stderr(Output output) {
        checkInitial("stderr");
        this.stderr = Objects.requireNonNull(output, "output");
        return this;
    }

    /**
     * Sets how this process gets its JVM, overriding {@link Multiprocessing#getStartMethod()}.
     *
     * @param method {@link StartMethod#SPAWN} for a fresh JVM, {@link StartMethod#WARM} for a spare one
     * @return this process
     * @throws IllegalStateException after start
     */
    public synchronized Process startMethod(StartMethod method) {
        checkInitial("start method");
        this.startMethod = Objects.requireNonNull(method, "method");
        return this;
    }


    /**
     * Starts the child JVM, which then runs {@link #run()}. Returns once the JVM has been started and handed its
     * task; it does not wait for the target to begin. The task (target, arguments, fields) is encoded here, once:
     * changing an argument afterwards does not change what the child gets. A task larger than a pipe holds
     * (64 KiB) is written to the child in the background while its JVM starts; this process holds its one
     * encoded copy until then.
     *
     * @throws IllegalStateException if started before, closed, or called in a daemon process ("daemonic
     *     processes are not allowed to have children")
     * @throws IllegalArgumentException if the arguments do not fit the target (the message names the parameter)
     * @throws SerializationFailedException if the target, an argument or this object cannot be serialized
     * @throws ProcessStartException if the JVM cannot be started or rejects its options
     */
    public synchronized void start() {
        checkOpen();
        if (handle != null || isCurrent()) {
            throw new IllegalStateException("cannot start a process twice: " + this);
        }
        JvmRuntime runtime = JvmRuntime.get();
        if (runtime.identity().daemon()) {
            throw new IllegalStateException("daemonic processes are not allowed to have children");
        }
        Object[] given = args;
        ProcessStartEvent event = Events.processStartBegins(); // a Flight Recorder event, or null
        try {
            if (target != null) {
                args = Targets.bind(target, args, kwargs);
            }
            // in parts: a large argument is held once, and written to the child without further copies
            Codec.Parts direct = getClass() == Process.class && target != null
                    ? DirectTask.encode(target, args, runtime.allowList()) : null;
            Codec.Parts task = direct != null ? direct
                    : Codec.encodeParts(new ProcessTask(this), name + " (its target, arguments and fields)");
            runtime.allowList().learn(task.packages());
            Path java = executable != null ? executable : InheritedJvm.javaBinary();
            JvmOptionCheck.check(java, jvmOptions);
            List<ClassLoader> loaders = new ArrayList<>();
            loaders.add(getClass().getClassLoader());
            if (target != null) {
                loaders.add(target.getClass().getClassLoader());
            }
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context != null) {
                loaders.add(context);
            }
            LaunchRequest request = new LaunchRequest(this, name, daemon, identity.clone(), task.parts(), java,
                    List.copyOf(jvmOptions), nullSafe(environment), directory, loaders, spec(stdout), spec(stderr), null);
            StartMethod method = startMethod != null ? startMethod : Multiprocessing.getStartMethod();
            boolean plain = isPlainData(task);
            if (plain) {
                ArchiveTrainer.offerSample(request);
            }
            ChildHandle warm = method == StartMethod.WARM ? runtime.spares().take(request, plain) : null;
            handle = warm != null ? warm : runtime.launcher().launch(request);
            Events.processStarted(event, name, method == StartMethod.WARM ? "warm" : "spawn", warm != null,
                    handle.pid());
        } catch (RuntimeException | Error e) {
            args = given; // a retry binds the arguments as given, not as bound
            throw e;
        }
        // as Python's start() does: the child has its own copy, and this object must not keep what the target
        // captured alive for as long as the caller keeps the Process
        target = null;
        args = null;
        kwargs = null;
    }

    /**
     * Whether decoding this task has no effect beyond making objects, so a spare may decode it to warm up: not
     * when it holds queues, locks or shared memory, which attach to their segment when they are decoded.
     */
    private static boolean isPlainData(Codec.Parts task) {
        for (String pkg : task.packages()) {
            if (pkg.startsWith("io.github.multiprocessing4j.ipc") || pkg.startsWith("io.github.multiprocessing4j.sync")
                    || pkg.startsWith("io.github.multiprocessing4j.shm")) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> nullSafe(Map<String, String> env) {
        // Map.copyOf refuses null values, which mean "remove a variable"
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }

    private static StreamSpec spec(Output output) {
        switch (output.kind) {
            case DISCARD:
                return new StreamSpec(ProcessBuilder.Redirect.DISCARD, false, false);
            case FORWARD:
                return new StreamSpec(ProcessBuilder.Redirect.PIPE, true, false);
            case CAPTURE:
                return new StreamSpec(ProcessBuilder.Redirect.PIPE, false, true);
            case FORWARD_AND_CAPTURE:
                return new StreamSpec(ProcessBuilder.Redirect.PIPE, true, true);
            case FILE:
                return new StreamSpec(ProcessBuilder.Redirect.to(output.file.toFile()), false, false);
            case APPEND:
                return new StreamSpec(ProcessBuilder.Redirect.appendTo(output.file.toFile()), false, false);
            default:
                return new StreamSpec(ProcessBuilder.Redirect.INHERIT, false, false);
        }
    }

    /**
     * What the child does: by default, calls the target with its arguments. A subclass may override it instead
     * of giving a target. Runs in the child JVM; calling it in the parent runs it in the parent, as in Python.
     * Once started, this object no longer holds the target and its arguments (Python's {@code start()} deletes
     * them too): {@code run()} in the parent then does nothing.
     *
     * @throws Exception anything the target throws; in a child it ends the process with exit code 1
     */
    public void run() throws Exception {
        if (target != null) {
            Targets.invoke(target, args);
        }
    }

    /**
     * Waits until the child has ended (Python's {@code join()}).
     *
     * @throws InterruptedException if this thread is interrupted while waiting
     * @throws IllegalStateException before start, on the current process, or after close
     */
    public void join() throws InterruptedException {
        try {
            started("join").exitCode().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the process watcher failed", e.getCause());
        }
    }

    /**
     * Waits at most {@code timeout} for the child to end (Python's {@code join(timeout)}).
     *
     * @param timeout how long to wait at most
     * @return {@code true} if the child has ended, {@code false} if the timeout elapsed first
     * @throws InterruptedException if this thread is interrupted while waiting
     * @throws IllegalStateException before start, on the current process, or after close
     */
    public boolean join(Duration timeout) throws InterruptedException {
        ChildHandle h = started("join");
        try {
            h.exitCode().get(Durations.toNanosSaturated(timeout), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the process watcher failed", e.getCause());
        }
    }

    /**
     * Whether the child has been started and has not ended yet. In a child, true for its own
     * {@code currentProcess()}.
     *
     * @return whether the process is running
     */
    public boolean isAlive() {
        if (isCurrent()) {
            return true;
        }
        checkOpen();
        ChildHandle h = handle;
        return h != null && !h.exitCode().isDone();
    }

    /**
     * The operating-system id of the child.
     *
     * @return the pid
     * @throws IllegalStateException before start or after close
     */
    public long pid() {
        if (isCurrent()) {
            return ProcessHandle.current().pid();
        }
        return started("pid").pid();
    }

    /**
     * The exit code, once the child has ended: 0, 1 after an exception, n after {@code System.exit(n)}, -N after
     * signal N. Empty while it runs or before start.
     *
     * @return the exit code, if the child has ended
     */
    public OptionalInt exitCode() {
        checkOpen();
        ChildHandle h = handle;
        if (h == null || !h.exitCode().isDone()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(h.exitCode().join());
    }

    /**
     * The exception the target threw in the child, once the child has ended; its cause carries the child's
     * stack frames. Empty if the target did not throw, or the child has not ended.
     *
     * @return the child's exception, if any
     */
    public Optional<ChildProcessException> exception() {
        checkOpen();
        ChildHandle h = handle;
        if (h == null || !h.exitCode().isDone() || h.exception() == null) {
            return Optional.empty();
        }
        return Optional.of(new ChildProcessException(name, h.pid(), h.exception()));
    }

    /**
     * A future that completes with this process when the child has ended and its exit code is known.
     *
     * @return the future; completing or cancelling it has no effect on the child
     * @throws IllegalStateException before start or after close
     */
    public CompletableFuture<Process> onExit() {
        return started("onExit").exitCode().thenApply(code -> this);
    }

    /**
     * Sends SIGTERM to the child (Python's {@code terminate()}). The child runs its shutdown hooks, not its
     * {@code finally} blocks, and its exit code becomes -15. Children of the child are not signalled; a daemon
     * grandchild still ends, because it notices its parent's end. Does nothing if the child has ended. A child
     * whose JVM is still starting gets the signal as soon as it can take it (a SIGTERM in the middle of a JVM's own
     * start makes the JDK print internal errors); its exit code is -15 all the same.
     *
     * @throws IllegalStateException before start or after close
     */
    public void terminate() {
        ChildHandle h = started("terminate");
        if (!h.exitCode().isDone()) {
            h.terminate();
        }
    }

    /**
     * Sends SIGKILL to the child (Python's {@code kill()}): it ends at once, with exit code -9.
     *
     * @throws IllegalStateException before start or after close
     */
    public void kill() {
        ChildHandle h = started("kill");
        if (!h.exitCode().isDone()) {
            h.kill();
        }
    }

    /**
     * What the child wrote on stdout, when its stdout was set to {@link Output#capture()} (the last MiB).
     *
     * @return the captured text so far
     * @throws IllegalStateException if stdout is not captured, or before start
     */
    public String capturedOutput() {
        String text = started("capturedOutput").capturedOutput();
        if (text == null) {
            throw new IllegalStateException("stdout is not captured: set stdout(Output.capture()) before start");
        }
        return text;
    }

    /**
     * What the child wrote on stderr, when its stderr was set to {@link Output#capture()} (the last MiB).
     *
     * @return the captured text so far
     * @throws IllegalStateException if stderr is not captured, or before start
     */
    public String capturedError() {
        String text = started("capturedError").capturedError();
        if (text == null) {
            throw new IllegalStateException("stderr is not captured: set stderr(Output.capture()) before start");
        }
        return text;
    }

    /**
     * Releases this object (Python's {@code close()}). Allowed before start or after the child has ended; most
     * methods then throw {@link IllegalStateException}. Closing twice does nothing.
     *
     * @throws IllegalStateException if the child is still running
     */
    @Override
    public synchronized void close() {
        ChildHandle h = handle;
        if (h != null && !h.exitCode().isDone()) {
            throw new IllegalStateException("cannot close a process while it is still running; call join() or"
                    + " terminate() first: " + this);
        }
        closed = true;
    }

    /**
     * Like Python's repr: {@code <Process name='Process-1' pid=4242 parent=4200 stopped exitcode=-SIGTERM daemon>}.
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("<").append(getClass() == Process.class ? "Process"
                : getClass().getSimpleName().isEmpty() ? "Process" : getClass().getSimpleName());
        s.append(" name='").append(name).append('\'');
        ChildHandle h = handle;
        if (isCurrent()) {
            s.append(" pid=").append(ProcessHandle.current().pid()).append(" parent=")
                    .append(JvmRuntime.get().identity().parentPid()).append(" started");
        } else if (closed) {
            s.append(" closed");
        } else if (h == null) {
            s.append(" parent=").append(ProcessHandle.current().pid()).append(" initial");
        } else {
            s.append(" pid=").append(h.pid()).append(" parent=").append(ProcessHandle.current().pid());
            if (h.exitCode().isDone()) {
                s.append(" stopped exitcode=").append(ExitCodes.describe(h.exitCode().join()));
            } else {
                s.append(" started");
            }
        }
        if (daemon) {
            s.append(" daemon");
        }
        return s.append('>').toString();
    }


    private boolean isCurrent() {
        return current;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("process object is closed: name=" + name);
        }
    }

    private void checkInitial(String what) {
        checkOpen();
        if (handle != null || isCurrent()) {
            throw new IllegalStateException("cannot change the " + what + " of a process after start: " + this);
        }
    }

    private ChildHandle started(String operation) {
        if (isCurrent()) {
            throw new IllegalStateException("cannot " + operation + " the current process");
        }
        checkOpen();
        ChildHandle h = handle;
        if (h == null) {
            throw new IllegalStateException("can only " + operation + " a started process: " + this);
        }
        return h;
    }

    private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
        in.defaultReadObject();
        // transient fields are not restored by deserialization; give the child a usable object
        identity = new int[0];
        name = "Process";
        kwargs = new LinkedHashMap<>();
        jvmOptions = new ArrayList<>();
        environment = new LinkedHashMap<>();
        stdout = Output.inherit();
        stderr = Output.inherit();
    }
}

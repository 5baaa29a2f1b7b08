package io.github.multiprocessing4j.manager;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.exception.ProcessStartException;
import io.github.multiprocessing4j.function.SerializableFunction;
import io.github.multiprocessing4j.internal.manager.Addresses;
import io.github.multiprocessing4j.internal.manager.Create;
import io.github.multiprocessing4j.internal.manager.Failed;
import io.github.multiprocessing4j.internal.manager.Ref;
import io.github.multiprocessing4j.internal.manager.Registration;
import io.github.multiprocessing4j.internal.manager.Shutdown;
import io.github.multiprocessing4j.internal.runtime.ExitStage;
import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.internal.wire.PrivateSockets;
import io.github.multiprocessing4j.ipc.Client;
import io.github.multiprocessing4j.ipc.Connection;
import io.github.multiprocessing4j.ipc.Listener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A server process holding objects that other processes use through proxies (Python:
 * {@code multiprocessing.managers.BaseManager}). Register types with {@link #register}, then {@link #start()} a
 * manager process (or {@link #connect()} to one that serves elsewhere, or {@link #serveForever()} in this JVM),
 * and make objects with {@link #create}.
 *
 * <pre>
 *  INITIAL --start()--&gt; STARTED --shutdown()--&gt; SHUTDOWN
 *     |                                 ^
 *     +--connect()--&gt; CONNECTED ------+ (shutdown() only forgets the manager; it keeps serving)
 * </pre>
 *
 * <h2>Processes and security</h2>
 * {@code start()} runs the server in a child JVM started like any other {@link Process}; it ends when this
 * manager shuts down, when this JVM exits, and when this JVM dies (even by SIGKILL: the manager watches its
 * parent). By default it listens on a private Unix socket (a 0700 directory) and every connection proves this
 * process's authkey ({@code Multiprocessing.authkey()}, inherited by children) before anything is decoded; every
 * decode passes the allow-list. A TCP address needs an explicit authkey.
 *
 * <h2>What crosses the process boundary</h2>
 * Arguments and return values of proxy calls are serialized; a method whose return type is a registered interface
 * returns a proxy of the object it returned. A proxy is serializable: passed to a child (as an argument, through a
 * queue) it reconnects there with that process's authkey. An exception thrown in the manager is thrown by the
 * call, with the manager's stack frames (rebuilt as a {@code RemoteThrowable} when its class is missing here) and
 * a suppressed exception carrying the caller's frames. When the manager is gone, a call fails with an
 * {@link UncheckedIOException} or {@link io.github.multiprocessing4j.exception.PeerGoneException}.
 *
 * <p>Thread-safe. Objects live until the manager shuts down (Python frees them when their last proxy goes).
 */
public class BaseManager implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, Registration> registry = new LinkedHashMap<>();
    private final SocketAddress requested;
    private final byte[] authkey;
    private volatile SocketAddress address;
    private volatile Process process;
    private volatile String state = "INITIAL";
    private final Runnable atExit = this::shutdown;

    /** A manager on a private Unix socket, with this process's authkey. */
    public BaseManager() {
        this(null, null);
    }

    /**
     * A manager on an address with an authkey (Python: {@code BaseManager(address, authkey)}).
     *
     * @param address a Unix or TCP address, or null for a private Unix socket; TCP port 0 picks a free port
     * @param authkey the key, or null for this process's authkey ({@code Multiprocessing.authkey()})
     */
    public BaseManager(SocketAddress address, byte[] authkey) {
        if (address != null && !(address instanceof UnixDomainSocketAddress)
                && !(address instanceof InetSocketAddress)) {
            throw new IllegalArgumentException("a manager listens on a UnixDomainSocketAddress or an"
                    + " InetSocketAddress: address=" + address);
        }
        if (authkey != null && authkey.length == 0) {
            throw new IllegalArgumentException("an authkey must not be empty: give a non-empty byte[] or null for"
                    + " Multiprocessing.authkey()");
        }
        this.requested = address;
        this.address = address;
        this.authkey = authkey == null ? null : authkey.clone();
    }

    /**
     * Registers a type (Python: {@code BaseManager.register(typeid, callable)}): proxies of it implement
     * {@code face}, and their calls run on the object {@code factory} made in the manager process. Register the
     * same types, in any order, in every process that uses the manager.
     *
     * @param typeid the type's name
     * @param factory makes an object from {@link #create}'s arguments, in the manager process; serializable
     * @param face the interface the object implements
     * @throws IllegalArgumentException when {@code face} is not an interface
     * @throws IllegalStateException after {@link #start()}
     */
    @SuppressWarnings("unchecked")
    public synchronized void register(String typeid, SerializableFunction<Object[], ?> factory, Class<?> face) {
        Objects.requireNonNull(typeid, "typeid");
        Objects.requireNonNull(factory, "factory");
        if (!face.isInterface()) {
            throw new IllegalArgumentException("a managed type's proxy implements an interface: typeid=" + typeid
                    + ", got class " + face.getName() + "; register an interface the object implements");
        }
        if (!state.equals("INITIAL")) {
            throw new IllegalStateException("register types before start(): typeid=" + typeid + ", state=" + state);
        }
        registry.put(typeid, new Registration(typeid, (SerializableFunction<Object[], Object>) factory, face));
    }

    /**
     * Starts the manager's process and waits until it listens (Python: {@code start()}).
     *
     * @return this manager
     * @throws ProcessStartException when the process ends or does not listen within 60 s
     * @throws IllegalStateException when already started or connected
     */
    public synchronized BaseManager start() {
        checkState("INITIAL", "start");
        String where;
        try {
            where = Addresses.format(requested != null ? requested
                    : UnixDomainSocketAddress.of(PrivateSockets.newSocketPath()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the manager's socket directory: " + e.getMessage(), e);
        }
        Process p = new Process(BaseManager::serveInChild, where, key(),
                new ArrayList<>(registry.values()));
        p.setName(getClass().getSimpleName() + "-" + Integer.toHexString(System.identityHashCode(this)));
        p.start();
        process = p;
        address = Addresses.parse(where);
        awaitListening(p);
        JvmRuntime.get().atExit(ExitStage.STOP_POOLS, atExit);
        state = "STARTED";
        return this;
    }

    private void awaitListening(Process p) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try {
                probe();
                return;
            } catch (UncheckedIOException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.kill();
                    throw new ProcessStartException("the manager's process did not listen: address=" + address
                            + ", alive=" + p.isAlive() + ", exitCode=" + p.exitCode() + ", error="
                            + e.getMessage(), e);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    p.kill();
                    throw new ProcessStartException("interrupted while the manager started", ie);
                }
            }
        }
    }

    static void serveInChild(String where, byte[] key, ArrayList<Registration> types) throws Exception {
        SocketAddress at = Addresses.parse(where);
        Listener listener = new Listener(at, key);
        try {
            Server server = new Server(listener, types);
            var watch = JvmRuntime.get().parentWatch();
            if (watch != null) {
                watch.onGone(() -> {
                    listener.close();
                    Runtime.getRuntime().halt(0); // the owner died: nobody may use these objects any more
                });
                watch.startPolling(50);
            }
            server.serveForever();
        } finally {
            listener.close();
        }
    }

    /**
     * Uses a manager that already serves at this manager's address (Python: {@code connect()}).
     *
     * @throws io.github.multiprocessing4j.exception.AuthenticationException when its key differs
     * @throws UncheckedIOException when nobody serves there
     */
    public synchronized void connect() {
        checkState("INITIAL", "connect");
        if (requested == null) {
            throw new IllegalStateException("connect() needs the address of a manager: use new BaseManager(address,"
                    + " authkey)");
        }
        probe();
        state = "CONNECTED";
    }

    /**
     * Serves in this JVM until a client asks it to shut down (Python: {@code get_server().serve_forever()}).
     * Refuses a TCP address without an explicit authkey: a remote manager must not run on a key nobody chose.
     *
     * @throws IllegalStateException for TCP without an authkey, or when started already
     * @throws InterruptedException if interrupted while serving
     */
    public void serveForever() throws InterruptedException {
        synchronized (this) {
            checkState("INITIAL", "serveForever");
            if (requested instanceof InetSocketAddress && authkey == null) {
                throw new IllegalStateException("a manager serving on TCP needs an explicit authkey: address="
                        + requested + "; use new BaseManager(address, authkey)");
            }
            state = "SERVING";
        }
        try (Listener listener = new Listener(requested, key())) {
            address = listener.address();
            new Server(listener, new ArrayList<>(registry.values())).serveForever();
        } finally {
            state = "SHUTDOWN";
        }
    }

    /**
     * Makes an object of a registered type in the manager and returns its proxy (Python: {@code manager.typeid(
     * *args)}).
     *
     * @param typeid the registered type
     * @param args the factory's arguments; serializable
     * @param <T> the registered interface
     * @return the proxy
     */
    @SuppressWarnings("unchecked")
    public <T> T create(String typeid, Object... args) {
        if (!state.equals("STARTED") && !state.equals("CONNECTED")) {
            throw new IllegalStateException("the manager is not running: state=" + state
                    + "; call start() or connect() first");
        }
        if (!registry.containsKey(typeid)) {
            throw new IllegalArgumentException("no type registered: typeid=" + typeid + ", registered="
                    + registry.keySet());
        }
        try (Connection conn = Client.connect(address, key())) {
            Object reply = ProxyHandler.request(conn, new Create(typeid, args));
            if (reply instanceof Failed) {
                throw ProxyHandler.failure((Failed) reply, typeid, Addresses.format(address));
            }
            return (T) ProxyHandler.proxy((Ref) reply, Addresses.format(address), authkey);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making a managed object: typeid=" + typeid, e);
        }
    }

    /**
     * Stops the manager's process and waits for it (Python: {@code shutdown()}); after {@link #connect()}, also
     * asks the remote manager to stop. Does nothing the second time.
     */
    public synchronized void shutdown() {
        if (state.equals("STARTED") || state.equals("CONNECTED")) {
            try (Connection conn = Client.connect(address, key())) {
                ProxyHandler.request(conn, new Shutdown());
            } catch (RuntimeException e) {
                // gone already
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Process p = process;
        if (p != null) {
            try {
                if (!p.join(Duration.ofSeconds(10))) {
                    p.kill();
                    p.join(Duration.ofSeconds(10));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.kill();
            }
            if (requested == null && address instanceof UnixDomainSocketAddress) {
                try {
                    PrivateSockets.remove(((UnixDomainSocketAddress) address).getPath());
                } catch (IOException e) {
                    // the startup sweep removes it later
                }
            }
            JvmRuntime.get().removeAtExit(ExitStage.STOP_POOLS, atExit);
        }
        state = "SHUTDOWN";
    }

    /**
     * Waits for the manager's process to end (Python: {@code join(timeout)}).
     *
     * @param timeout how long to wait
     * @return whether it ended (true when this manager has no process)
     * @throws InterruptedException if interrupted
     */
    public boolean join(Duration timeout) throws InterruptedException {
        Process p = process;
        return p == null || p.join(timeout);
    }

    /**
     * The manager's process, once started.
     *
     * @return it, or null
     */
    public Process process() {
        return process;
    }

    /**
     * Where the manager listens (Python: {@code address}).
     *
     * @return the address; for a private socket, known after {@link #start()}
     */
    public SocketAddress address() {
        return address;
    }

    /** Same as {@link #shutdown()}. */
    @Override
    public void close() {
        shutdown();
    }

    /** Connects and authenticates once, to see that the manager serves. */
    private void probe() {
        try (Connection conn = Client.connect(address, key())) {
            conn.isClosed(); // nothing to say: the handshake was the point
        }
    }

    private byte[] key() {
        return authkey != null ? authkey : JvmRuntime.get().authkey();
    }

    private void checkState(String expected, String what) {
        if (!state.equals(expected)) {
            throw new IllegalStateException(what + "() needs a manager in state " + expected + ": state=" + state);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + state + ", " + address + "]";
    }
}

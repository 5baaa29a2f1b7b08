package io.github.multiprocessing4j.internal.process;

import io.github.multiprocessing4j.exception.ProcessStartException;
import io.github.multiprocessing4j.internal.codec.AllowList;
import io.github.multiprocessing4j.internal.spawn.ChildCommand;
import io.github.multiprocessing4j.internal.spawn.ChildJvm;
import io.github.multiprocessing4j.internal.spawn.ClassDataArchive;
import io.github.multiprocessing4j.internal.spawn.InheritedJvm;
import io.github.multiprocessing4j.internal.spawn.StreamSpec;
import io.github.multiprocessing4j.internal.watch.Liveness;
import io.github.multiprocessing4j.internal.wire.Boot;
import io.github.multiprocessing4j.internal.wire.ChildSession;
import io.github.multiprocessing4j.internal.wire.ControlSocket;
import io.github.multiprocessing4j.internal.wire.Frame;
import io.github.multiprocessing4j.internal.wire.FrameType;
import io.github.multiprocessing4j.internal.wire.SpareBoot;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Starts child JVMs: a fresh one for a request, or a spare that waits for one; hands a spare its request. One per
 * runtime, which gives it what it needs: the control socket, the registry of children, the allow-list the
 * children inherit, and this process's identity.
 *
 * <p>A child learns everything from its stdin: the boot frame (who it is, where to call back, a per-child
 * 256-bit secret, the allow-list) and then its task, written together in one write; a task larger than a pipe
 * holds is written on a thread of its own ({@code FrameWriter}), as the child reads it once its JVM runs.
 *
 * <p>Thread-safe. A launch blocks only while the operating system starts the JVM (about a millisecond).
 */
public final class ChildLauncher {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final StreamSpec INHERIT = new StreamSpec(ProcessBuilder.Redirect.INHERIT, false, false);
    private static final StreamSpec DISCARD = new StreamSpec(ProcessBuilder.Redirect.DISCARD, false, false);

    private final AtomicLong ids = new AtomicLong();
    private final ControlSocket socket;
    private final ChildRegistry registry;
    private final AllowList allowList;
    private final Supplier<Identity> self;
    private final Supplier<byte[]> authkey;

    /**
     * A launcher.
     *
     * @param socket where children call back
     * @param registry where started children are registered
     * @param allowList what children may deserialize besides the defaults (they get its patterns)
     * @param self this process's identity (it changes once, when a spare is given its process)
     * @param authkey this process's authentication key, which its children inherit
     */
    public ChildLauncher(ControlSocket socket, ChildRegistry registry, AllowList allowList, Supplier<Identity> self,
            Supplier<byte[]> authkey) {
        this.authkey = authkey;
        this.socket = socket;
        this.registry = registry;
        this.allowList = allowList;
        this.self = self;
    }

    /** The registry this launcher registers children in. */
    public ChildRegistry registry() {
        return registry;
    }

    /**
     * Starts a fresh child JVM for a request and hands it its task.
     *
     * @throws ProcessStartException when the JVM cannot be started, or this JVM is exiting; nothing is left
     *     behind then
     */
    public ChildHandle launch(LaunchRequest request) {
        registry.checkOpen();
        String classPath = InheritedJvm.classPath(request.classLoaders());
        ArchiveTrainer.ensure(this, request.javaBinary(), classPath);
        List<String> options = new ArrayList<>(ClassDataArchive.options(request.javaBinary(), classPath));
        options.addAll(request.jvmOptions());
        ChildHandle handle = newHandle(request.name());
        Frame boot;
        ChildJvm jvm;
        try {
            // before the JVM starts: what fails here leaves nothing behind
            boot = boot(handle, request.name(), request.daemon(), request.numbers()).toFrame();
            jvm = ChildJvm.start(ChildCommand.build(request.javaBinary(), options, classPath), request.stdout(),
                    request.stderr(), request.directory(), request.environment(), request.name());
        } catch (RuntimeException e) {
            handle.session().close();
            throw e;
        }
        handle.request(request.withoutTask());
        handle.started(jvm, () -> registry.remove(handle));
        register(handle);
        try {
            jvm.stdin().write(boot, FrameType.TASK, request.task(), request.name());
        } catch (IOException e) {
            // the child died at once (e.g. killed); its exit is reported like any other
        }
        return handle;
    }

    /**
     * Starts a spare JVM: started and connected ahead of need with the inherited options, class path, output and
     * environment, warmed up by decoding a sample task, waiting to be {@linkplain #assign assigned} a request.
     *
     * @param classPath the class path
     * @param warmup an encoded task the spare decodes (and does not run) to load the classes it will need
     * @param options JVM options (an archive to use, or to write)
     * @param quiet whether to discard its output (an archive trainer's JVM talks about its work)
     * @throws ProcessStartException when the JVM cannot be started
     */
    ChildHandle spare(String classPath, byte[] warmup, List<String> options, boolean quiet) {
        registry.checkOpen();
        ChildHandle handle = newHandle("spare");
        StreamSpec output = quiet ? DISCARD : INHERIT;
        ChildJvm jvm;
        try {
            jvm = ChildJvm.start(ChildCommand.build(InheritedJvm.javaBinary(), options, classPath), output, output,
                    null, Map.of(), "spare");
        } catch (RuntimeException e) {
            handle.session().close();
            throw e;
        }
        handle.started(jvm, () -> registry.remove(handle));
        try {
            jvm.stdin().write(new SpareBoot(boot(handle, "spare", false, new int[0]), warmup).toFrame());
        } catch (IOException e) {
            // it died at once; its exit is noticed like any other
        } catch (RuntimeException | Error e) {
            handle.kill(); // never leave a JVM nobody knows about
            throw e;
        }
        return handle;
    }

    /**
     * Hands a spare its request.
     *
     * @return false if the spare is gone (the caller then tries another, or starts a fresh JVM)
     * @throws ProcessStartException when this JVM is exiting (the spare is retired)
     */
    boolean assign(ChildHandle spare, LaunchRequest request) {
        if (!spare.jvm().isAlive()) {
            return false;
        }
        Frame boot;
        try {
            boot = boot(spare, request.name(), request.daemon(), request.numbers()).toFrame();
            spare.request(request.withoutTask());
            register(spare);
        } catch (RuntimeException e) {
            spare.retire(); // the spare is out of the pool already: do not leave it waiting
            throw e;
        }
        try {
            spare.jvm().stdin().write(boot, FrameType.TASK, request.task(), request.name());
            return true;
        } catch (IOException e) {
            registry.remove(spare);
            return false;
        }
    }

    private void register(ChildHandle handle) {
        try {
            registry.add(handle);
        } catch (ProcessStartException e) {
            handle.kill(); // the exit sequence will not wait for it
            throw e;
        }
    }

    private ChildHandle newHandle(String name) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        ChildHandle handle = new ChildHandle(ids.incrementAndGet(), secret, allowList);
        ControlSocket.Lease lease;
        try {
            lease = socket.acquire();
        } catch (IOException e) {
            throw new ProcessStartException("cannot open the control socket: " + e.getMessage(), e);
        }
        handle.attach(new ChildSession(lease, handle.childId(), secret, name, new ChildSession.Listener() {
            @Override
            public void onFrame(io.github.multiprocessing4j.internal.wire.Frame frame) throws IOException {
                handle.onFrame(frame);
            }

            @Override
            public boolean expectsFrame() {
                return handle.expectsFrame();
            }
        }));
        return handle;
    }

    private Boot boot(ChildHandle handle, String name, boolean daemon, int[] numbers) {
        Identity me = self.get();
        return new Boot(handle.childId(), handle.secret(), handle.session().socketPath().toString(), name, daemon,
                numbers, Liveness.selfPid(), Liveness.selfStartTime(), me.name(), allowList.patterns(), authkey.get());
    }
}

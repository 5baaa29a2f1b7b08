package io.github.multiprocessing4j.internal.process;

import io.github.multiprocessing4j.internal.codec.ByteParts;
import io.github.multiprocessing4j.internal.spawn.ClassDataArchive;
import io.github.multiprocessing4j.internal.spawn.InheritedJvm;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Spare child JVMs, started and connected ahead of need, so that {@code Process.start()} hands its task to a JVM
 * that is already up (the role Python's forkserver plays; a JVM cannot fork).
 *
 * <p>The pool is empty until a program starts its first process. Each start that takes a spare, or finds none,
 * raises the number kept (up to {@code multiprocessing4j.maxSpares}, default 8) and starts replacements in the
 * background; a start that finds none takes the oldest spare still booting rather than booting another JVM.
 * A spare unused for {@code multiprocessing4j.spareIdleSeconds} (default 30) is retired, down to none. Spares
 * end with their parent: the end of their stdin (even after SIGKILL) makes them exit, and this JVM's exit hook
 * retires them.
 *
 * <p>Only processes that a spare can faithfully be are given one: default java binary, no extra JVM options, no
 * environment or directory change, inherited output, and the spare's class path.
 */
public final class SparePool {
    private static final int MAX = Integer.getInteger("multiprocessing4j.maxSpares", 8);
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(
            Long.getLong("multiprocessing4j.spareIdleSeconds", 30));
    private final Object lock = new Object();
    private final Deque<Spare> spares = new ArrayDeque<>();
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mp4j-spares");
        t.setDaemon(true);
        return t;
    });
    private final ChildLauncher launcher;
    private int wanted;
    private String classPath;
    private byte[] warmup;
    private long lastUse;
    private boolean retireScheduled;
    private boolean shutDown;

    private record Spare(ChildHandle handle, long since) {
    }

    /** An empty pool whose spares the launcher starts. */
    public SparePool(ChildLauncher launcher) {
        this.launcher = launcher;
    }

    /**
     * Hands the request to a spare if it fits one, and keeps the pool stocked.
     *
     * @param warmupSample whether the task may be decoded by the next spares to warm up (its decoding has no
     *     side effects)
     * @return the handle now running the request, or null: the caller starts a fresh JVM
     */
    public ChildHandle take(LaunchRequest request, boolean warmupSample) {
        return take(request, warmupSample, true);
    }

    /**
     * Hands the request to a ready spare if there is one, and then replaces it; creates no demand of its own.
     * For pool workers: a pool starts its workers together, and replacements booting beside them would only slow
     * the pool's start.
     */
    public ChildHandle takeIfReady(LaunchRequest request) {
        return take(request, false, false);
    }

    private ChildHandle take(LaunchRequest request, boolean warmupSample, boolean demand) {
        if (!fits(request)) {
            return null;
        }
        String path = InheritedJvm.classPath(request.classLoaders());
        while (true) {
            Spare spare;
            synchronized (lock) {
                if (shutDown) {
                    return null;
                }
                lastUse = System.nanoTime();
                if (warmupSample && request.taskLength() <= 256 * 1024) {
                    warmup = ByteParts.join(request.task());
                }
                if (!path.equals(classPath)) {
                    retireAll(); // another class path: those spares cannot run it
                    classPath = path;
                }
                spare = null;
                for (Spare s : spares) {
                    if (s.handle().isReady()) {
                        spare = s;
                        break;
                    }
                }
                if (spare == null && !demand) {
                    return null;
                }
                if (spare == null) {
                    wanted = Math.min(MAX, wanted + 1); // demand outran supply: keep one more
                    spare = spares.peekFirst(); // a spare still booting is ahead of a JVM not yet started
                }
                spares.remove(spare);
                background.execute(this::refill);
                scheduleRetirement();
            }
            if (spare == null) {
                return null;
            }
            boolean assigned;
            try {
                assigned = launcher.assign(spare.handle(), request);
            } catch (RuntimeException e) {
                spare.handle().retire();
                throw e;
            }
            if (assigned) {
                return spare.handle();
            }
            spare.handle().retire(); // it died; try the next one
        }
    }

    /**
     * Starts spares now, so that at least {@code n} are there (ready or booting) for the next starts with the
     * given class loaders' class path; returns at once, the JVMs boot in the background. Counts as a use: the
     * spares are retired after the idle time like any others.
     *
     * @throws IllegalArgumentException when {@code n} is negative or above {@code multiprocessing4j.maxSpares}
     * @throws IllegalStateException when this JVM is exiting
     */
    public void prestart(int n, List<ClassLoader> loaders) {
        if (n < 0 || n > MAX) {
            throw new IllegalArgumentException("prestart(n) takes 0 to " + MAX + " spares (n=" + n
                    + "); raise the system property multiprocessing4j.maxSpares for more");
        }
        String path = InheritedJvm.classPath(loaders);
        synchronized (lock) {
            if (shutDown) {
                throw new IllegalStateException("cannot prestart spares: this JVM is exiting");
            }
            if (n == 0) {
                return;
            }
            lastUse = System.nanoTime();
            if (!path.equals(classPath)) {
                retireAll();
                classPath = path;
            }
            wanted = Math.max(wanted, n);
            background.execute(this::refill);
            scheduleRetirement();
        }
    }

    private boolean fits(LaunchRequest r) {
        return r.javaBinary().equals(InheritedJvm.javaBinary()) && r.jvmOptions().isEmpty()
                && r.environment().isEmpty() && r.directory() == null
                && r.stdout().redirect() == ProcessBuilder.Redirect.INHERIT
                && r.stderr().redirect() == ProcessBuilder.Redirect.INHERIT;
    }

    private void refill() {
        while (true) {
            String path;
            byte[] sample;
            synchronized (lock) {
                if (shutDown || spares.size() >= wanted || classPath == null) {
                    return;
                }
                path = classPath;
                sample = warmup != null ? warmup : ArchiveTrainer.defaultSample();
            }
            ChildHandle handle;
            try {
                ArchiveTrainer.ensure(launcher, InheritedJvm.javaBinary(), path);
                handle = launcher.spare(path, sample, ClassDataArchive.options(InheritedJvm.javaBinary(), path),
                        false);
                handle.exitCode().thenRun(() -> forget(handle));
            } catch (RuntimeException e) {
                return; // the next start() starts a fresh JVM and reports the problem
            }
            synchronized (lock) {
                if (shutDown || !path.equals(classPath)) {
                    handle.retire();
                    return;
                }
                if (handle.exitCode().isDone()) {
                    return; // it died before it could be counted (its forget() has run): try again on next use
                }
                spares.addLast(new Spare(handle, System.nanoTime()));
            }
        }
    }

    private void scheduleRetirement() {
        if (!retireScheduled) {
            retireScheduled = true;
            background.schedule(this::retireIdle, IDLE_NANOS, TimeUnit.NANOSECONDS);
        }
    }

    private void retireIdle() {
        synchronized (lock) {
            retireScheduled = false;
            long idle = System.nanoTime() - lastUse;
            if (idle >= IDLE_NANOS) {
                wanted = 0;
                retireAll();
            } else {
                retireScheduled = true;
                background.schedule(this::retireIdle, IDLE_NANOS - idle, TimeUnit.NANOSECONDS);
            }
        }
    }

    private void retireAll() {
        for (Spare spare : spares) {
            spare.handle().retire();
        }
        spares.clear();
    }

    /** A spare that ended (died or retired) leaves the pool. */
    void forget(ChildHandle handle) {
        synchronized (lock) {
            spares.removeIf(s -> s.handle() == handle);
        }
    }

    /** Retires every spare and starts no more; the first step of the exit sequence. */
    public void shutdown() {
        synchronized (lock) {
            shutDown = true;
            retireAll();
        }
    }

    /** How many spares have connected their socket (for the runtime's snapshot). */
    public int connected() {
        synchronized (lock) {
            return (int) spares.stream().filter(s -> s.handle().isConnected()).count();
        }
    }

    /** The pids of the spares that have warmed up (for the runtime's snapshot). */
    public List<Long> readyPids() {
        List<Long> pids = new ArrayList<>();
        synchronized (lock) {
            for (Spare spare : spares) {
                if (spare.handle().isReady()) {
                    pids.add(spare.handle().pid());
                }
            }
        }
        return pids;
    }

    /** The pids of the current spares (for the runtime's snapshot). */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        synchronized (lock) {
            for (Spare spare : spares) {
                pids.add(spare.handle().pid());
            }
        }
        return pids;
    }
}

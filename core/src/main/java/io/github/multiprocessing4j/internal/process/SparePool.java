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
 * <p>The pool is empty until a program starts its first process. Each start that finds no ready spare raises the
 * number kept (up to {@code multiprocessing4j.maxSpares}, default 8) and starts replacements in the background at
 * once; it takes the oldest spare still booting rather than booting another JVM. A start that takes a ready spare
 * has it replaced once its process has ended, or {@code multiprocessing4j.spareRefillDelayMillis} (default 100)
 * later, whichever comes first: a JVM booting beside a short process would slow its start and its exit.
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
    /**
     * How long the replacement of a spare that was ready waits for the process it now runs to end, so that a JVM
     * booting beside it does not take the CPU its start and its exit need.
     */
    private static final long REFILL_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(
            Long.getLong("multiprocessing4j.spareRefillDelayMillis", 100));
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
    private int deferred;
    private boolean urgent;
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
                boolean ready = spare != null;
                if (!ready) {
                    wanted = Math.min(MAX, wanted + 1); // demand outran supply: keep one more
                    spare = spares.peekFirst(); // a spare still booting is ahead of a JVM not yet started
                    urgent = true; // and replace at once
                }
                spares.remove(spare);
                if (ready && !urgent) {
                    deferRefill(spare.handle());
                } else {
                    background.execute(this::refill);
                }
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
            urgent = true; // asked for: not deferred
            background.execute(this::refill);
            scheduleRetirement();
        }
    }

    /**
     * Replaces a spare that was ready only once the process it now runs has ended, or after
     * {@link #REFILL_DELAY_NANOS}: on two cores, a JVM booting beside a process that starts and ends at once
     * doubles the time it takes. Called under the lock.
     */
    private void deferRefill(ChildHandle started) {
        deferred++;
        Release release = new Release();
        started.exitCode().whenComplete((code, e) -> release.run());
        background.schedule(release, REFILL_DELAY_NANOS, TimeUnit.NANOSECONDS);
    }

    /** Ends one deferral, once, whichever comes first: the process's end or the delay. */
    private final class Release implements Runnable {
        private final java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                synchronized (lock) {
                    deferred--;
                    if (shutDown) {
                        return;
                    }
                }
                background.execute(SparePool.this::refill);
            }
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
                    urgent = false;
                    return;
                }
                if (deferred > 0 && !urgent) {
                    return; // the last deferral to end calls again
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

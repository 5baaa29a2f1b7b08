package io.github.multiprocessing4j.internal.process;

import io.github.multiprocessing4j.exception.ProcessStartException;
import io.github.multiprocessing4j.internal.codec.ByteParts;
import io.github.multiprocessing4j.internal.codec.Codec;
import io.github.multiprocessing4j.internal.spawn.ClassDataArchive;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Builds a missing class-data archive in the background: a spare JVM started with the archive-writing options
 * goes through a child's start-up path (boot, socket, decoding a task), is retired once warm, and its archive is
 * moved into place when it has exited. Children started meanwhile simply start without an archive.
 *
 * <p>Training costs a JVM (on JDK 25 two, one after the other, for seconds) and its output is only worth keeping
 * whole, so it starts only in programs that last: {@value #DEFAULT_DELAY_SECONDS} s (or
 * {@code -Dmultiprocessing4j.classDataArchiveDelaySeconds}) after this JVM's first child start, and not once the
 * JVM is exiting. When the JVM exits with a trainer still at work, the trainer and the JVMs it started are killed
 * and its output deleted; when the JVM is killed, the next run's cache sweep deletes it.
 *
 * <p>State graph of one training: claimed (first child start) -> started (after the delay, if still needed and
 * not exiting) -> published (the trainer exited with 0) or discarded (it failed, or was killed at exit); or
 * claimed -> dropped (exiting, or the archive appeared meanwhile). Thread-safe.
 */
public final class ArchiveTrainer {
    static final long DEFAULT_DELAY_SECONDS = 10;
    private static final long DELAY_SECONDS = Long.getLong("multiprocessing4j.classDataArchiveDelaySeconds",
            DEFAULT_DELAY_SECONDS);
    private static final long KILL_WAIT_MILLIS = 5_000;
    private static final Object LOCK = new Object();
    private static final Map<ChildHandle, ClassDataArchive.Training> RUNNING = new ConcurrentHashMap<>();
    private static final Executor STARTER = task -> {
        Thread t = new Thread(task, "mp4j-archive-trainer");
        t.setDaemon(true);
        t.start();
    };
    private static boolean exiting;
    /** The largest task kept as the trainer's sample: it is copied at each start that offers it. */
    static final int SAMPLE_LIMIT = 64 * 1024;
    /**
     * The latest task a trainer may decode (plain data), or null: the archive then holds its classes. Kept as the
     * encoder's parts (never changed once encoded), joined only when a trainer starts, so a start copies nothing.
     */
    private static volatile List<byte[]> latestSample;

    private ArchiveTrainer() {
    }

    /** A task to warm up on when there is no recent one: a capturing lambda of this library. */
    static byte[] defaultSample() {
        return Codec.encode(Warmup.sample(), "the warm-up sample").bytes();
    }

    /**
     * Offers a task this program starts, to train the archive on: a trainer decodes the latest one (it never runs
     * it), so the archive holds the classes of the target (its class, a lambda's capturing class) and a fresh child
     * takes them from the archive instead of opening its class path's JARs for them. Only a task whose decoding
     * has no effect beyond making objects (plain data, no queue, lock or shared memory) may be offered; one larger
     * than {@value #SAMPLE_LIMIT} bytes is ignored.
     */
    public static void offerSample(LaunchRequest request) {
        if (request.taskLength() <= SAMPLE_LIMIT) {
            latestSample = request.task();
        }
    }

    /** Called at each child start: plans the training of a missing archive, once per class path and JVM. */
    static void ensure(ChildLauncher launcher, Path javaBinary, String classPath) {
        synchronized (LOCK) {
            if (exiting) {
                return;
            }
        }
        ClassDataArchive.Training training = ClassDataArchive.claimTraining(javaBinary, classPath);
        if (training == null) {
            return;
        }
        CompletableFuture.runAsync(() -> start(launcher, classPath, training),
                CompletableFuture.delayedExecutor(DELAY_SECONDS, TimeUnit.SECONDS, STARTER));
    }

    private static void start(ChildLauncher launcher, String classPath, ClassDataArchive.Training training) {
        ChildHandle trainer;
        synchronized (LOCK) {
            if (exiting || !training.isNeeded()) {
                return;
            }
            try {
                List<byte[]> sample = latestSample;
                trainer = launcher.spare(classPath, sample != null ? ByteParts.join(sample) : defaultSample(),
                        training.options(), true);
            } catch (ProcessStartException e) {
                training.discard(); // no archive this time (or this JVM began exiting)
                return;
            }
            RUNNING.put(trainer, training);
        }
        trainer.ready().thenRun(trainer::retire);
        trainer.exitCode().thenAccept(code -> {
            synchronized (LOCK) { // the exit hook waits for a publication under way
                if (RUNNING.remove(trainer) != null) { // else the exit hook killed it and deletes its output
                    training.publish(code == 0);
                }
            }
        });
    }

    /**
     * No trainer outlives its JVM, and none leaves its output: it could not be published any more. A step of the
     * runtime's exit sequence (when it refuses new starts).
     */
    public static void atExit() {
        List<ProcessHandle> dying = new ArrayList<>();
        Map<ChildHandle, ClassDataArchive.Training> killed;
        synchronized (LOCK) {
            exiting = true;
            if (RUNNING.isEmpty()) {
                return; // the usual case: nothing more to load or do while the JVM exits
            }
            killed = Map.copyOf(RUNNING);
            RUNNING.clear();
        }
        killed.keySet().forEach(trainer -> dying.addAll(kill(trainer)));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(KILL_WAIT_MILLIS);
        for (ProcessHandle process : dying) {
            try {
                process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // deleted anyway: what a survivor writes later goes to the next run's sweep
            }
        }
        killed.values().forEach(ClassDataArchive.Training::discard);
    }

    /**
     * SIGKILLs a trainer and what it started (on JDK 25, the JVM that assembles the cache), children first.
     *
     * @return the processes to wait for
     */
    private static List<ProcessHandle> kill(ChildHandle trainer) {
        List<ProcessHandle> processes = new ArrayList<>();
        ProcessHandle.of(trainer.pid()).ifPresent(p -> p.descendants().forEach(processes::add));
        processes.forEach(ProcessHandle::destroyForcibly);
        trainer.kill();
        ProcessHandle.of(trainer.pid()).ifPresent(processes::add);
        return processes;
    }
}

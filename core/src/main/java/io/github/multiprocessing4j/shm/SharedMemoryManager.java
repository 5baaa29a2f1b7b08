package io.github.multiprocessing4j.shm;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.exception.ProcessStartException;
import io.github.multiprocessing4j.internal.runtime.ExitStage;
import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.internal.watch.Liveness;
import io.github.multiprocessing4j.sync.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates {@link SharedMemory} and {@link ShareableList} blocks and removes them all when it shuts down, or when
 * the process that started it dies, even by SIGKILL (Python:
 * {@code multiprocessing.managers.SharedMemoryManager}).
 *
 * <pre>{@code
 * try (SharedMemoryManager smm = new SharedMemoryManager().start()) {      // with SharedMemoryManager() as smm:
 *     SharedMemory shm = smm.sharedMemory(1024);                          //     smm.SharedMemory(size=1024)
 *     ShareableList list = smm.shareableList(List.of(1, "two", 3.0));    //     smm.ShareableList([1, 'two', 3.0])
 *     // hand shm and list (or their names) to other processes
 * }                                                                       // every block is unlinked here
 * }</pre>
 *
 * <h2>Lifecycle</h2>
 * <pre>
 *   NEW --start()--&gt; STARTED --shutdown() / close() / this JVM exits / this JVM is killed--&gt; SHUT_DOWN
 *    \______________________________shutdown()______________________________________________/
 * </pre>
 * {@link #sharedMemory} and {@link #shareableList} work only when STARTED. {@code shutdown()} unlinks every block
 * the manager made: no process can attach any more, and the memory goes once the processes that have it mapped
 * close it or exit (the handles this process holds stay usable until closed, as in Python).
 *
 * <h2>How the blocks outlive no SIGKILL (differs from Python in the mechanism)</h2>
 * Python runs a manager server process that owns the blocks' names. This manager needs no server to hand out
 * blocks: they are created in this process, under names that start with the manager's own random prefix
 * ({@code psm_<8 hex>_}). What Python's server also gives is a process that outlives its owner; here that is a
 * small tracker: a child JVM started with the library's launcher when the manager starts, which does nothing but
 * watch this process (its end of stdin, which only this process writes, and its pid and start time every 200 ms)
 * and a stop event. When the owner dies, however, or shuts the manager down, the tracker deletes every file with
 * the manager's prefix and ends; so after a SIGKILL of the owner the blocks are gone within a fraction of a
 * second (bounded by the tracker's 200 ms poll when the stdin signal is lost), not only at the next program's
 * startup sweep. The blocks do not pass through the tracker, so creating one costs what {@link SharedMemory}
 * costs, and {@link #start()} costs one child JVM start (it waits until the tracker watches). The tracker is a
 * non-daemon child; if this JVM exits without {@code shutdown()}, its exit sequence shuts the manager down first.
 *
 * <h2>What crosses the process boundary</h2>
 * The manager itself does not (it is not serializable); the blocks it makes do, by name, like any
 * {@link SharedMemory} or {@link ShareableList}.
 *
 * <h2>Threads, blocking, dead peers</h2>
 * Thread-safe. {@link #start()} blocks until the tracker runs (at most 60 s, else {@link ProcessStartException});
 * {@link #shutdown()} blocks until the tracker ended (at most 10 s, then it is killed). A tracker that dies
 * before its owner leaves the blocks to {@code shutdown()}, the owner's exit, or the next startup sweep.
 */
public final class SharedMemoryManager implements AutoCloseable {
    static {
        JvmRuntime.get(); // its exit sequence releases the shared memory this JVM holds
    }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    /** The states of a manager. */
    private enum State { NEW, STARTED, SHUT_DOWN }

    private final String prefix = "psm_" + SharedMemory.randomHex(4) + "_";
    private final List<SharedMemory> blocks = new ArrayList<>();
    private final Runnable atExit = new ShutdownAtExit(this);
    private State state = State.NEW;
    private Process tracker;
    private Event stop;
    private boolean trackerStarted;

    /** Creates a manager; {@link #start()} starts it. */
    public SharedMemoryManager() {
    }

    /**
     * Starts the manager's tracker process and waits until it watches this process (Python: {@code start()}).
     *
     * @return this manager
     * @throws IllegalStateException when started already, or shut down
     * @throws ProcessStartException when the tracker does not start or dies within 60 s
     * @throws InterruptedException when interrupted while waiting (nothing is left running)
     */
    public synchronized SharedMemoryManager start() throws InterruptedException {
        if (state != State.NEW) {
            throw new IllegalStateException("SharedMemoryManager cannot start: state=" + state);
        }
        Event ready = new Event();
        stop = new Event();
        tracker = new Process(SegmentTracker::track, Liveness.selfPid(), prefix, ready, stop)
                .setName("SharedMemoryManager-" + prefix.substring(4, 12));
        try {
            tracker.start();
            trackerStarted = true;
            awaitReady(ready);
        } catch (InterruptedException | RuntimeException e) {
            stopTracker();
            if (e instanceof InterruptedException) {
                Thread.interrupted(); // stopTracker set it again; the caller gets the exception instead
            }
            state = State.SHUT_DOWN;
            throw e;
        } finally {
            ready.close();
        }
        state = State.STARTED;
        JvmRuntime.get().atExit(ExitStage.STOP_POOLS, atExit);
        return this;
    }

    private void awaitReady(Event ready) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!ready.await(Duration.ofMillis(SegmentTracker.POLL_MILLIS))) {
            if (!tracker.isAlive() || System.nanoTime() - deadline > 0) {
                throw new ProcessStartException("SharedMemoryManager's tracker process did not start: alive="
                        + tracker.isAlive() + ", exitCode=" + tracker.exitCode() + ", timeout=" + START_TIMEOUT,
                        tracker.exception().orElse(null));
            }
        }
    }

    /**
     * Creates shared memory of {@code size} bytes that this manager unlinks when it shuts down (Python:
     * {@code SharedMemory(size)}).
     *
     * @param size the size in bytes, at least 1
     * @return the memory, under a generated name
     * @throws IllegalStateException when the manager is not started, or shut down
     * @throws IllegalArgumentException for a bad size
     */
    public synchronized SharedMemory sharedMemory(int size) {
        checkStarted();
        SharedMemory shm = SharedMemory.create(prefix + SharedMemory.randomHex(6), size);
        blocks.add(shm);
        return shm;
    }

    /**
     * Creates a {@link ShareableList} that this manager unlinks when it shuts down (Python:
     * {@code ShareableList(sequence)}).
     *
     * @param values the elements: Integer, Long, Double, Boolean, String, byte[] or null
     * @return the list, under a generated name
     * @throws IllegalStateException when the manager is not started, or shut down
     * @throws IllegalArgumentException for an element of another type
     */
    public synchronized ShareableList shareableList(List<?> values) {
        checkStarted();
        ShareableList list = ShareableList.create(prefix + SharedMemory.randomHex(6), values);
        blocks.add(list.shm());
        return list;
    }

    private void checkStarted() {
        if (state != State.STARTED) {
            throw new IllegalStateException("SharedMemoryManager is not started: state=" + state
                    + (state == State.NEW ? " (call start() first)" : ""));
        }
    }

    /**
     * Unlinks every block this manager made and stops its tracker (Python: {@code shutdown()}). Calling it again,
     * or on a manager never started, does nothing. Interrupted while the tracker ends, it kills the tracker and
     * returns with the interrupt flag set (the blocks are unlinked already).
     */
    public void shutdown() {
        shutdown(false);
    }

    private synchronized void shutdown(boolean exiting) {
        if (state != State.STARTED) {
            state = State.SHUT_DOWN;
            return;
        }
        state = State.SHUT_DOWN;
        for (SharedMemory shm : blocks) {
            shm.unlink();
        }
        blocks.clear();
        if (!exiting) {
            JvmRuntime.get().removeAtExit(ExitStage.STOP_POOLS, atExit);
        }
        stopTracker();
    }

    private void stopTracker() {
        stop.set();
        try {
            if (trackerStarted && !tracker.join(STOP_TIMEOUT) && tracker.isAlive()) {
                tracker.kill();
                tracker.join(STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            tracker.kill(); // no time to wait: the blocks are unlinked already, and nothing is left running
            Thread.currentThread().interrupt();
        } finally {
            stop.close();
        }
    }

    /** Same as {@link #shutdown()}, for try-with-resources. */
    @Override
    public void close() {
        shutdown();
    }

    /**
     * The pid of the tracker process, or -1 before {@link #start()}.
     *
     * @return the pid
     */
    public synchronized long trackerPid() {
        return tracker == null ? -1 : tracker.pid();
    }

    @Override
    public synchronized String toString() {
        return "SharedMemoryManager(state=" + state + ", blocks=" + blocks.size() + ", prefix=" + prefix + ")";
    }

    /** The exit sequence's step: a manager left started is shut down before the JVM waits for its children. */
    private static final class ShutdownAtExit implements Runnable {
        private final SharedMemoryManager manager;

        ShutdownAtExit(SharedMemoryManager manager) {
            this.manager = manager;
        }

        @Override
        public void run() {
            manager.shutdown(true);
        }
    }
}

package io.github.multiprocessing4j.sync;

import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.HandleProxy;
import io.github.multiprocessing4j.internal.shm.LockLayout;
import io.github.multiprocessing4j.internal.shm.LockWord;
import io.github.multiprocessing4j.internal.shm.Segment;
import io.github.multiprocessing4j.internal.shm.Waiter;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * A lock shared by processes (Python: {@code multiprocessing.Lock}), living in a shared-memory file.
 *
 * <pre>{@code
 * Lock lock = new Lock();
 * new Process(Worker::run, lock).start();       // the child attaches to the same lock
 * try (Lock.Held held = lock.hold()) { ... }    // Python: with lock: ...
 * }</pre>
 *
 * <h2>What crosses the process boundary</h2>
 * Only the name of the shared-memory file: a lock passed to a child (as an argument, or captured by a target
 * lambda) is the same lock there, not a copy.
 *
 * <h2>Blocking</h2>
 * {@link #acquire()} blocks (spinning for microseconds, then parking with a backoff up to 1 ms, so a blocked
 * thread does not burn a core); {@link #acquire(Duration)} at most the timeout. Not reentrant: a thread that
 * acquires a lock it holds waits for itself, as in Python (use {@link RLock}). Any thread of any process may
 * release a held lock, as in Python. Thread-safe.
 *
 * <h2>When the holder dies</h2>
 * Beyond Python (which deadlocks): when the process holding the lock dies, a waiter notices within about 10 ms
 * and takes the lock over, like a robust mutex's {@code EOWNERDEAD}: {@link #acquire} returns normally and
 * {@link #recoveredFromDeadOwner()} gives the dead holder's pid; the data the lock protects may be half-updated.
 * A holder that is a zombie, or whose pid now belongs to a process that started later, counts as dead.
 *
 * <h2>Lifetime</h2>
 * Every process holding a handle is listed in the file's header. The file is removed when the last holder closes
 * its handle (holders that died do not count; a handle on its way to a starting child does, for 30 s), or when the
 * creating process exits; handles that are still open keep working, but no new process can attach after that.
 */
public final class Lock implements Lockable {
    static {
        JvmRuntime.get(); // its exit sequence releases the shared memory this JVM holds
    }

    private static final long serialVersionUID = 1L;

    private final transient Attachment attachment;
    private final transient int offset;
    private final transient LockWord word;
    private final transient String name;
    private transient volatile long recoveredFrom;

    /** Creates a lock in a new shared-memory file. */
    public Lock() {
        this(Attachment.of(Segment.create("lock-", Segment.KIND_LOCK, LockLayout.VERSION, LockLayout.LENGTH,
                body -> LockWord.init(body, 0)), "lock", true), 0);
    }

    Lock(Attachment attachment, int offset) {
        this.attachment = attachment;
        this.offset = offset;
        this.word = new LockWord(attachment.segment(), offset);
        this.name = attachment.segment().fileName() + (offset == 0 ? "" : "@" + offset);
    }

    /**
     * Acquires the lock, waiting as long as it takes (Python: {@code acquire()}).
     *
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalStateException after close
     */
    @Override
    public void acquire() throws InterruptedException {
        if (!tryAcquire()) {
            finish(word.acquire(Waiter.forever(), false));
        }
    }

    /**
     * Acquires the lock, waiting at most {@code timeout} (Python: {@code acquire(timeout=...)}).
     *
     * @param timeout how long to wait; zero or negative means try once
     * @return whether the lock was acquired
     * @throws InterruptedException if interrupted while waiting
     */
    @Override
    public boolean acquire(Duration timeout) throws InterruptedException {
        return finish(word.acquire(Waiter.upTo(timeout), false));
    }

    /**
     * Acquires the lock if it is free, without waiting (Python: {@code acquire(False)}). It does not recover a
     * lock whose holder died: only a waiting acquire checks that.
     *
     * @return whether the lock was acquired
     */
    public boolean tryAcquire() {
        attachment.open();
        boolean got = word.tryAcquire(false);
        if (got) {
            recoveredFrom = 0;
        }
        return got;
    }

    private boolean finish(LockWord.Outcome outcome) {
        attachment.open();
        switch (outcome) {
            case ACQUIRED:
                recoveredFrom = 0;
                return true;
            case RECOVERED:
                recoveredFrom = word.lastDeadOwner();
                return true;
            default:
                return false;
        }
    }

    /**
     * Releases the lock (Python: {@code release()}); any thread of any process may.
     *
     * @throws IllegalStateException when the lock is not held ("cannot release a lock that is not held")
     */
    @Override
    public void release() {
        attachment.open();
        word.release(false, name);
    }

    /**
     * Acquires the lock and returns a handle whose {@code close()} releases it, for try-with-resources.
     *
     * @return the held lock
     * @throws InterruptedException if interrupted while waiting
     */
    @Override
    public Held hold() throws InterruptedException {
        acquire();
        return this::release;
    }

    /** A held lock; closing it releases the lock. */
    @FunctionalInterface
    public interface Held extends AutoCloseable {
        /** Releases the lock. */
        @Override
        void close();
    }

    /**
     * Whether some thread of some process holds the lock now.
     *
     * @return whether the lock is held
     */
    @Override
    public boolean isLocked() {
        attachment.open();
        return word.isLocked();
    }

    /**
     * The pid of the process that died holding this lock, when the latest successful acquisition by a thread of
     * this handle took the lock over from it; empty when that acquisition found the lock free.
     *
     * @return the dead holder's pid, if the lock was recovered
     */
    @Override
    public OptionalLong recoveredFromDeadOwner() {
        long pid = recoveredFrom;
        return pid == 0 ? OptionalLong.empty() : OptionalLong.of(pid);
    }

    /**
     * The shared-memory file name of this lock.
     *
     * @return the name
     */
    @Override
    public String name() {
        return name;
    }

    /** Detaches from the lock; in the creating process, also removes its file. Does not release it. */
    @Override
    public void close() {
        attachment.close();
    }

    LockWord word() {
        return word;
    }

    Attachment attachment() {
        return attachment;
    }

    @Override
    public String toString() {
        String state = attachment.isClosed() ? "closed"
                : word.isLocked() ? "locked by pid " + word.ownerPid() : "unlocked";
        return "<Lock " + name() + " " + state + ">";
    }

    /**
     * Serializes this handle as its name, so that the receiving process attaches to the same object.
     *
     * @return the serial form
     */
    private Object writeReplace() {
        return HandleProxy.of(Handles.LOCK, attachment, offset);
    }
}

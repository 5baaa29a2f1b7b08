package io.github.multiprocessing4j.sync;

import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.internal.shm.Attachment;
import io.github.multiprocessing4j.internal.shm.HandleProxy;
import io.github.multiprocessing4j.internal.shm.LockLayout;
import io.github.multiprocessing4j.internal.shm.LockWord;
import io.github.multiprocessing4j.internal.shm.Segment;
import io.github.multiprocessing4j.internal.shm.ValueLayout;
import io.github.multiprocessing4j.internal.shm.Waiter;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * A reentrant lock shared by processes (Python: {@code multiprocessing.RLock}): the owning thread may acquire it
 * again and must release it as many times; only the owner may release it.
 *
 * <p>Same machinery as {@link Lock}: only the file name crosses the process boundary (a child gets the same lock);
 * {@link #acquire()} blocks without burning a core, {@link #acquire(Duration)} at most the timeout; when the
 * owning process dies, a waiter takes the lock over within about 10 ms and {@link #recoveredFromDeadOwner()}
 * says so (the hold count restarts at 1). Thread-safe. The file is removed when the last process holding it closes it or
 * exits, or when the creating process exits.
 */
public final class RLock implements Lockable {
    static {
        JvmRuntime.get(); // its exit sequence releases the shared memory this JVM holds
    }

    private static final long serialVersionUID = 1L;

    private final transient Attachment attachment;
    private final transient int offset;
    private final transient LockWord word;
    private final transient String name;
    private transient volatile long recoveredFrom;

    /** Creates a reentrant lock in a new shared-memory file. */
    public RLock() {
        this(Attachment.of(Segment.create("rlock-", Segment.KIND_LOCK, LockLayout.VERSION, LockLayout.LENGTH,
                body -> LockWord.init(body, 0)), "rlock", true), 0);
    }

    RLock(Attachment attachment, int offset) {
        this.attachment = attachment;
        this.offset = offset;
        this.word = new LockWord(attachment.segment(), offset);
        this.name = attachment.segment().fileName();
    }

    /**
     * The lock built into a shared {@code Value} or {@code Array} made with Python's default {@code lock=True}: the
     * same lock as its {@code getLock()}, which is how to get it (this method exists so that the {@code shm} package
     * can make it). Closing the returned handle only detaches it; the value's file stays.
     *
     * @param valueName the value's or array's {@code name()}, in a process that has it open or can attach it
     * @return a handle on the value's lock
     * @throws IllegalArgumentException when no shared value or array of that name exists
     */
    public static RLock ofValue(String valueName) {
        Segment segment = Segment.attach(valueName, Segment.KIND_VALUE, ValueLayout.VERSION);
        return new RLock(Attachment.untracked(segment, "lock of " + valueName), ValueLayout.LOCK_OFFSET);
    }

    /**
     * Acquires the lock, or counts one more hold if this thread owns it.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    @Override
    public void acquire() throws InterruptedException {
        finish(word.acquire(Waiter.forever(), true));
    }

    /**
     * Acquires the lock, waiting at most {@code timeout}.
     *
     * @param timeout how long to wait; zero or negative means try once
     * @return whether the lock was acquired
     * @throws InterruptedException if interrupted while waiting
     */
    @Override
    public boolean acquire(Duration timeout) throws InterruptedException {
        return finish(word.acquire(Waiter.upTo(timeout), true));
    }

    private boolean finish(LockWord.Outcome outcome) {
        attachment.open();
        if (outcome == LockWord.Outcome.TIMED_OUT) {
            return false;
        }
        recoveredFrom = outcome == LockWord.Outcome.RECOVERED ? word.lastDeadOwner() : 0;
        return true;
    }

    /**
     * Releases one hold.
     *
     * @throws IllegalStateException when the lock is not held, or held by another thread or process
     */
    @Override
    public void release() {
        attachment.open();
        word.release(true, name);
    }

    /**
     * Acquires the lock and returns a handle whose {@code close()} releases one hold.
     *
     * @return the held lock
     * @throws InterruptedException if interrupted while waiting
     */
    @Override
    public Lock.Held hold() throws InterruptedException {
        acquire();
        return this::release;
    }

    @Override
    public boolean isLocked() {
        attachment.open();
        return word.isLocked();
    }

    /**
     * Whether the current thread owns the lock.
     *
     * @return whether this thread holds it
     */
    public boolean isHeldByCurrentThread() {
        return word.isHeldByCurrentThread();
    }

    /**
     * The pid of the process that died holding this lock, when this handle's latest acquisition took it over.
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

    /** Detaches; in the creating process, also removes the file. */
    @Override
    public void close() {
        attachment.close();
    }

    LockWord word() {
        return word;
    }

    @Override
    public String toString() {
        String state = attachment.isClosed() ? "closed"
                : word.isLocked() ? "owned by pid " + word.ownerPid() : "unowned";
        return "<RLock " + name() + " " + state + ">";
    }

    /**
     * Serializes this handle as its name, so that the receiving process attaches to the same object.
     *
     * @return the serial form
     */
    private Object writeReplace() {
        boolean inValue = attachment.segment().kind() == Segment.KIND_VALUE;
        return HandleProxy.of(inValue ? Handles.VALUE_RLOCK : Handles.RLOCK, attachment, offset);
    }
}

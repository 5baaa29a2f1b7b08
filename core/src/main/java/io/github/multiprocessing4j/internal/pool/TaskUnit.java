package io.github.multiprocessing4j.internal.pool;

import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One unit of work sent to one worker: a function and a chunk of argument lists, already encoded (so that an
 * unserializable argument fails in the caller, before anything is sent). It ends exactly once, through its
 * {@link Sink}: with its {@link Outcomes} (one per element), or with one failure for the whole chunk (the worker
 * died, the timeout struck, the task was cancelled or the pool terminated).
 *
 * <p>The fields after the constructor's belong to {@link PoolCore} and are guarded by its lock.
 */
public final class TaskUnit {
    private static final AtomicLong IDS = new AtomicLong();

    /** Where a unit's end goes. Called on a pool thread, outside the pool's lock. */
    public interface Sink {
        /** The chunk ran: one outcome per element, in order. */
        void completed(TaskUnit unit, Outcomes outcomes);

        /** The whole chunk failed. */
        void failed(TaskUnit unit, Throwable error);
    }

    private final long id = IDS.incrementAndGet();
    private final FunctionRef function;
    private final ItemBlock.Encoded items;
    private final long timeoutNanos;
    private final Sink sink;
    private final AtomicBoolean ended = new AtomicBoolean();
    /** Where the elements of this chunk start in the caller's input; for the caller's sink. */
    private final long firstIndex;

    /** The caller's original task, for {@code shutdownNow()}; not sent. */
    public volatile Object tag;
    Worker worker;
    boolean delivered;
    boolean started;
    long startNanos;
    Throwable killReason;
    ScheduledFuture<?> timer;

    /**
     * Creates a unit.
     *
     * @param function the encoded function
     * @param items the encoded arguments of its elements
     * @param timeoutNanos the limit for the whole chunk, or 0
     * @param firstIndex the index of its first element in the caller's input
     * @param sink where its end goes
     */
    TaskUnit(FunctionRef function, ItemBlock.Encoded items, long timeoutNanos, long firstIndex, Sink sink) {
        this.function = function;
        this.items = items;
        this.timeoutNanos = timeoutNanos;
        this.firstIndex = firstIndex;
        this.sink = sink;
    }

    public long id() {
        return id;
    }

    public FunctionRef function() {
        return function;
    }

    /** The encoded arguments, in parts (not to be changed). */
    java.util.List<byte[]> block() {
        return items.parts();
    }

    /** How many elements the chunk has. */
    public int count() {
        return items.count();
    }

    /** The packages the worker must learn to read the arguments. */
    Set<String> packages() {
        return items.packages();
    }

    /** The encoded size of the arguments. */
    public long size() {
        return items.length();
    }

    public long timeoutNanos() {
        return timeoutNanos;
    }

    public long firstIndex() {
        return firstIndex;
    }

    /** Whether the unit has ended (completed, failed or cancelled). */
    public boolean isEnded() {
        return ended.get();
    }

    /** Ends the unit with outcomes; does nothing if it has ended. Call outside the pool's lock. */
    void complete(Outcomes outcomes) {
        if (ended.compareAndSet(false, true)) {
            sink.completed(this, outcomes);
        }
    }

    /** Ends the unit with a failure; does nothing if it has ended. Call outside the pool's lock. */
    void fail(Throwable error) {
        if (ended.compareAndSet(false, true)) {
            sink.failed(this, error);
        }
    }
}

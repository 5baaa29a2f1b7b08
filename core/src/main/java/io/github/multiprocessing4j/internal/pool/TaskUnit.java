package io.github.multiprocessing4j.internal.pool;

import io.github.multiprocessing4j.internal.codec.AllowList;
import io.github.multiprocessing4j.internal.codec.Codec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One unit of work sent to one worker: a function and a chunk of argument lists, already encoded (so that an
 * unserializable argument fails in the caller, before anything is sent). It ends exactly once, through its
 * {@link Sink}: with one {@link Outcome} per element, or with one failure for the whole chunk (the worker died,
 * the timeout struck, the task was cancelled or the pool terminated).
 *
 * <p>The fields after the constructor's belong to {@link PoolCore} and are guarded by its lock.
 */
public final class TaskUnit {
    private static final AtomicLong IDS = new AtomicLong();

    /** Where a unit's end goes. Called on a pool thread, outside the pool's lock. */
    public interface Sink {
        /** The chunk ran: one outcome per element, in order. */
        void completed(TaskUnit unit, Outcome[] outcomes);

        /** The whole chunk failed. */
        void failed(TaskUnit unit, Throwable error);
    }

    private final long id = IDS.incrementAndGet();
    private final FunctionRef function;
    private final List<byte[][]> items;
    private final Set<String> packages;
    private final int size;
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
    Throwable killReason;
    ScheduledFuture<?> timer;

    /**
     * Creates a unit.
     *
     * @param function the encoded function
     * @param items the encoded arguments of each element
     * @param packages packages the worker must learn to decode the arguments
     * @param timeoutNanos the limit for the whole chunk, or 0
     * @param firstIndex the index of its first element in the caller's input
     * @param sink where its end goes
     */
    public TaskUnit(FunctionRef function, List<byte[][]> items, Set<String> packages, long timeoutNanos,
            long firstIndex, Sink sink) {
        this.function = function;
        this.items = items;
        this.packages = packages;
        this.timeoutNanos = timeoutNanos;
        this.firstIndex = firstIndex;
        this.sink = sink;
        int bytes = 0;
        for (byte[][] item : items) {
            for (byte[] arg : item) {
                bytes += 4 + arg.length;
            }
        }
        this.size = bytes;
    }

    /**
     * Encodes the arguments of one element.
     *
     * @param args the arguments
     * @param index the element's index, for the message
     * @param packages receives the packages the worker must learn
     * @throws io.github.multiprocessing4j.SerializationFailedException naming the argument
     */
    public static byte[][] encodeArgs(Object[] args, long index, Set<String> packages) {
        byte[][] out = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            Codec.Encoded e = Codec.encode(args[i], "argument " + i + " of element " + index);
            if (!e.packages().isEmpty()) {
                packages.addAll(e.packages());
                AllowList.global().learn(e.packages());
            }
            out[i] = e.bytes();
        }
        return out;
    }

    /** A fresh package set for {@link #encodeArgs}. */
    public static Set<String> newPackageSet() {
        return new HashSet<>();
    }

    public long id() {
        return id;
    }

    public FunctionRef function() {
        return function;
    }

    public List<byte[][]> items() {
        return items;
    }

    public Set<String> packages() {
        return packages;
    }

    /** The encoded size of the arguments. */
    public int size() {
        return size;
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
    void complete(Outcome[] outcomes) {
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

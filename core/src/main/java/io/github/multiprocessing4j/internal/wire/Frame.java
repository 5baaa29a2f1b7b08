package io.github.multiprocessing4j.internal.wire;

/**
 * One message on a channel: a type byte and a payload. On the wire: a 4-byte big-endian length of the payload,
 * the type byte, then the payload.
 *
 * @param type what the message is, one of the constants here
 * @param payload its bytes
 */
public record Frame(byte type, byte[] payload) {
    /** Parent to child, first: who the child is and how to call back ({@code Boot}). */
    public static final byte BOOT = 1;
    /** Parent to child, first for a spare JVM: a boot frame's bytes (length-prefixed), then a warm-up task. */
    public static final byte SPARE = 3;
    /** Parent to child: the work to do, encoded by the codec. */
    public static final byte TASK = 2;
    /** Child to parent, first on the socket: child id, secret, pid. */
    public static final byte HELLO = 10;
    /** Child to parent: an exception the target threw ({@code ThrowableData}). */
    public static final byte EXCEPTION = 11;
    /** Child to parent: how the child is ending ({@code ExitKind}), sent by its shutdown hook. */
    public static final byte EXIT = 12;

    /** Child to parent: a spare has finished warming up and waits for its process. */
    public static final byte READY = 13;

    /**
     * Parent to child, on the socket, answering HELLO: the parent has registered the connection, so whatever the
     * child sends from now on is read before the parent sees the child end.
     */
    public static final byte WELCOME = 14;

    /** Pool, parent to worker: a chunk of work ({@code internal.pool.PoolFrames}). */
    public static final byte POOL_TASK = 20;
    /** Pool, worker to parent: the outcomes of a chunk. */
    public static final byte POOL_RESULT = 21;
    /** Pool, worker to parent: the initializer ran, the worker takes tasks. */
    public static final byte POOL_READY = 22;
    /** Pool, worker to parent: the initializer threw ({@code ThrowableData}); the worker ends. */
    public static final byte POOL_INIT_FAILED = 23;
    /** Pool, parent to worker: end after the tasks already sent (retire). */
    public static final byte POOL_EXIT = 24;
    /** Pool, worker to parent: over its memory limit, the worker ends without running the tasks sent after. */
    public static final byte POOL_RETIRING = 25;

    /** The largest payload a channel accepts: 1 GiB. */
    public static final int MAX_PAYLOAD = 1 << 30;
}

package io.github.multiprocessing4j.internal.wire;

/**
 * Every kind of frame on a channel, with its tag byte: the one registry of frame tags. Each frame's payload is
 * one message type that encodes and decodes itself ({@link Boot}, {@link SpareBoot}, {@link Hello},
 * {@link ExitReport}; the pool's frames in {@code internal.pool.PoolFrames}; an exception in
 * {@code internal.codec.ThrowableData}; a task as the codec or {@code internal.process.DirectTask} made it).
 *
 * <pre>
 *  parent -&gt; child, on its stdin     child -&gt; parent, on the socket      parent -&gt; child, on the socket
 *  BOOT, SPARE, TASK, POOL_TASK,     HELLO (first), READY, EXCEPTION,    WELCOME (the only one)
 *  POOL_EXIT                         EXIT, POOL_READY, POOL_RESULT,
 *                                    POOL_INIT_FAILED, POOL_RETIRING
 *
 *  either way on a Listener/Client socket: AUTH_CHALLENGE, AUTH_RESPONSE, AUTH_RESULT (both directions), then
 *  MESSAGE and MESSAGE_BYTES only
 * </pre>
 */
public enum FrameType {
    /** Who the child is and how to call back ({@link Boot}). */
    BOOT(1),
    /** The work to do: an encoded task. */
    TASK(2),
    /** First frame of a spare JVM: its boot and a warm-up task ({@link SpareBoot}). */
    SPARE(3),
    /** First frame on the socket: the child proves its secret ({@link Hello}). */
    HELLO(10),
    /** The exception the child's target threw ({@code ThrowableData}). */
    EXCEPTION(11),
    /** How the child is ending ({@link ExitReport}), sent by its exit sequence. */
    EXIT(12),
    /** A spare has warmed up and waits for its process (empty). */
    READY(13),
    /**
     * The parent has registered the connection (empty): whatever the child sends from now on is read before the
     * parent sees the child end.
     */
    WELCOME(14),
    /** Pool: a chunk of work for a worker. */
    POOL_TASK(20),
    /** Pool: the outcomes of a chunk. */
    POOL_RESULT(21),
    /** Pool: the initializer ran, the worker takes tasks (empty). */
    POOL_READY(22),
    /** Pool: the initializer threw ({@code ThrowableData}); the worker ends. */
    POOL_INIT_FAILED(23),
    /** Pool: end after the tasks already sent (empty). */
    POOL_EXIT(24),
    /** Pool: over its memory limit, the worker ends without running the tasks sent after (empty). */
    POOL_RETIRING(25),
    /** Listener/Client: a random challenge to answer with the authkey's HMAC ({@link Challenge}). */
    AUTH_CHALLENGE(26),
    /** Listener/Client: the HMAC of a challenge. */
    AUTH_RESPONSE(27),
    /** Listener/Client: whether the response proved the key (one byte, 1 for welcome). */
    AUTH_RESULT(28),
    /** Listener/Client: one object of an authenticated connection, as the codec encoded it. */
    MESSAGE(29),
    /** Listener/Client: raw bytes of an authenticated connection ({@code sendBytes}). */
    MESSAGE_BYTES(30);

    private static final FrameType[] BY_TAG = new FrameType[32];

    static {
        for (FrameType type : values()) {
            if (BY_TAG[type.tag] != null) {
                throw new ExceptionInInitializerError("two frame types share tag " + type.tag);
            }
            BY_TAG[type.tag] = type;
        }
    }

    private final byte tag;

    FrameType(int tag) {
        this.tag = (byte) tag;
    }

    /** The byte that stands for this type on the wire. */
    public byte tag() {
        return tag;
    }

    /**
     * The type of a tag read from the wire.
     *
     * @return the type, or null for a tag no type has (a damaged or hostile stream)
     */
    public static FrameType of(byte tag) {
        return tag >= 0 && tag < BY_TAG.length ? BY_TAG[tag] : null;
    }
}

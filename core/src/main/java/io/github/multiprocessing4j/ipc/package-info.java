/**
 * Channels between processes (Python: {@code multiprocessing.Queue}, {@code JoinableQueue}, {@code SimpleQueue},
 * {@code Pipe} and {@code multiprocessing.connection.Connection}): {@link io.github.multiprocessing4j.ipc.Queue},
 * {@link io.github.multiprocessing4j.ipc.JoinableQueue}, {@link io.github.multiprocessing4j.ipc.SimpleQueue},
 * {@link io.github.multiprocessing4j.ipc.Pipe} and its two {@link io.github.multiprocessing4j.ipc.Connection}s,
 * each a ring in a shared-memory file.
 *
 * <p>What crosses the process boundary: a queue or a connection handed to a child crosses as the name of its
 * shared-memory file and is the same channel there. Each item or message is serialized by the sender (a fast path
 * for boxed primitives, strings and {@code byte[]}, java.io and the deserialization allow-list for the rest) and
 * copied through shared memory; an item that cannot be serialized fails in the sender, and the channel stays
 * usable; items and messages of any size go through. A pipe end whose other end is closed, or held only by
 * processes that died, tells its reader with a {@link io.github.multiprocessing4j.exception.PeerGoneException}; a
 * queue, as in Python, never does (a thread of the waiting process may still put), so its timed forms and
 * {@link io.github.multiprocessing4j.ipc.Connection#wait(java.util.Collection, java.time.Duration)} on the producer's
 * process bound a wait for a producer that may die.
 */
package io.github.multiprocessing4j.ipc;

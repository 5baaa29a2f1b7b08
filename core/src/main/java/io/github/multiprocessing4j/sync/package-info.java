/**
 * Synchronization between processes (Python: {@code multiprocessing.Lock}, {@code RLock}, {@code Semaphore},
 * {@code BoundedSemaphore}, {@code Condition}, {@code Event} and {@code Barrier}), each living in a small
 * shared-memory file: {@link io.github.multiprocessing4j.sync.Lock}, {@link io.github.multiprocessing4j.sync.RLock},
 * {@link io.github.multiprocessing4j.sync.Semaphore}, {@link io.github.multiprocessing4j.sync.BoundedSemaphore},
 * {@link io.github.multiprocessing4j.sync.Condition}, {@link io.github.multiprocessing4j.sync.Event} and
 * {@link io.github.multiprocessing4j.sync.Barrier}.
 *
 * <p>What crosses the process boundary: only the name of the shared-memory file. A primitive passed to a child,
 * as an argument or captured by a target, is the same primitive there, not a copy. Waiting threads spin briefly,
 * then park; beyond Python, a lock whose holder died is taken over by a waiter. As in Python, a wait is never cut
 * short because the other processes are gone (a thread of the waiting process may still wake it): an untimed wait
 * waits, a timed one returns false (or breaks the barrier) after its timeout.
 */
package io.github.multiprocessing4j.sync;

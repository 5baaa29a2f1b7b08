/**
 * Pools of worker JVMs (Python: {@code multiprocessing.pool} and {@code concurrent.futures.ProcessPoolExecutor}):
 * {@link io.github.multiprocessing4j.pool.Pool} with {@code apply}, {@code map}, {@code imap}, {@code starmap} and
 * their async forms, and {@link io.github.multiprocessing4j.pool.ProcessPoolExecutor}, an
 * {@link java.util.concurrent.ExecutorService}.
 *
 * <p>Beyond Python: a worker that dies fails only the task it ran ({@link
 * io.github.multiprocessing4j.exception.WorkerDiedException}) and is replaced; task timeouts and {@code cancel(true)}
 * kill and replace the worker ({@link io.github.multiprocessing4j.exception.TaskTimeoutException}); workers are
 * recycled by task count or memory; {@code imap} streams endless inputs in bounded memory; tasks may start
 * processes, which end with their worker; workers end within about 100 ms when their parent is killed.
 */
package io.github.multiprocessing4j.pool;

import io.github.multiprocessing4j.exception.TaskTimeoutException;
import io.github.multiprocessing4j.exception.WorkerDiedException;

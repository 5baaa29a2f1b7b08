package io.github.multiprocessing4j.manager;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;

/**
 * A managed queue that counts unfinished items (Python: {@code manager.JoinableQueue()}): every item put must be
 * matched by a {@link #taskDone()} before {@link #join} returns. Blocking calls block in the manager, on this
 * thread's own connection.
 *
 * @param <E> the item type; serializable
 */
public interface ManagedJoinableQueue<E> extends BlockingQueue<E> {
    /**
     * Marks one item taken from the queue as processed (Python: {@code task_done()}).
     *
     * @throws IllegalStateException when called more times than items were put
     */
    void taskDone();

    /**
     * Waits until every item put has been marked done, at most {@code timeout} (Python: {@code join()}).
     *
     * @param timeout how long to wait
     * @return whether every item is done
     * @throws InterruptedException if interrupted in the manager
     */
    boolean join(Duration timeout) throws InterruptedException;
}

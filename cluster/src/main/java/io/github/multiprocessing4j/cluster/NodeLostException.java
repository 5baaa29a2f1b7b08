package io.github.multiprocessing4j.cluster;

import io.github.multiprocessing4j.exception.ProcessException;

/**
 * A task's node left the cluster (killed, crashed, cut off) before it answered, more times than the pool's
 * {@code maxRetries} allows, or no node was left to run it. With {@code maxRetries(0)} a task never runs twice and
 * this is thrown at the first loss.
 */
public class NodeLostException extends ProcessException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was lost and how often it ran
     * @param cause what Hazelcast reported, or null
     */
    public NodeLostException(String message, Throwable cause) {
        super(message, cause);
    }
}

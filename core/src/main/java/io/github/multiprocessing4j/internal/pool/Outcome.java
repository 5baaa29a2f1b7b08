package io.github.multiprocessing4j.internal.pool;

/**
 * How one element of a chunk ended in the worker: a value, or an exception (with the worker's frames).
 *
 * @param value the result, when {@code error} is null
 * @param error what the task threw, or why its result could not cross back
 */
public record Outcome(Object value, Throwable error) {
}
